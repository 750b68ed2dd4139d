-- The day job's pay and employment per domain and BLS year, per evidence filter (the mapped occupations in
-- each year): for the three-year trend.
WITH mapped AS (
    SELECT w.evidence_filter, m.domain, w.year, w.employment, w.usd_per_hour_median, w.source_id
    FROM domain_occupations AS m
    JOIN occupation_wages_evidence AS w USING (soc_code, o_group)
    WHERE w.employment IS NOT NULL
)
SELECT evidence_filter, domain, year,
       sum(employment)::DOUBLE AS employment,
       sum(usd_per_hour_median * employment) / sum(employment) FILTER (usd_per_hour_median IS NOT NULL)
           AS usd_per_hour_median_weighted,
       string_agg(DISTINCT source_id, ';' ORDER BY source_id) AS source_ids
FROM mapped
GROUP BY evidence_filter, domain, year
ORDER BY evidence_filter, domain, year
