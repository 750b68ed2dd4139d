-- The day job's pay per domain, per evidence filter: the employment-weighted mean of the mapped occupations'
-- median hourly wages (occupations whose median BLS does not publish are left out and counted).
SELECT evidence_filter, domain,
       sum(usd_per_hour_median * employment) / sum(employment) FILTER (usd_per_hour_median IS NOT NULL)
           AS usd_per_hour_median_weighted,
       count(usd_per_hour_median) AS occupations_with_wage,
       count(*) - count(usd_per_hour_median) AS occupations_without_wage,
       max(year) AS newest_year,
       string_agg(DISTINCT source_id, ';' ORDER BY source_id) AS source_ids
FROM mart_domain_occupation_wages
GROUP BY evidence_filter, domain
HAVING count(usd_per_hour_median) > 0
ORDER BY evidence_filter, domain
