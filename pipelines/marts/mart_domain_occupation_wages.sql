-- The occupations of each domain's expert pool (domain_occupations), each at its own newest BLS survey year
-- with an employment figure, per evidence filter: employment and median hourly wage (empty where BLS shows
-- a special value instead of a wage).
WITH mapped AS (
    SELECT w.evidence_filter, m.domain, m.soc_code, m.o_group, w.occupation_title, w.year, w.employment,
           w.usd_per_hour_median, w.wage_flags, w.source_id, w.confidence
    FROM domain_occupations AS m
    JOIN occupation_wages_evidence AS w USING (soc_code, o_group)
    WHERE w.employment IS NOT NULL
),
newest AS (
    SELECT *, max(year) OVER (PARTITION BY evidence_filter, domain, soc_code) AS newest_year
    FROM mapped
)
SELECT evidence_filter, domain, soc_code, o_group, occupation_title, year, employment, usd_per_hour_median,
       wage_flags, source_id, confidence
FROM newest
WHERE year = newest_year
ORDER BY evidence_filter, domain, soc_code
