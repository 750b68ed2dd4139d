-- Each domain's expert pool, per evidence filter: the US employment of every occupation mapped to it, each
-- from its own newest BLS year (a broad or minor group counts every occupation in it, once).
SELECT evidence_filter, domain,
       count(*) AS occupations, min(year) AS oldest_year, max(year) AS newest_year,
       sum(employment)::DOUBLE AS low, sum(employment)::DOUBLE AS base, sum(employment)::DOUBLE AS high,
       count(*) AS figure_count,
       string_agg(DISTINCT source_id, ';' ORDER BY source_id) AS source_ids
FROM mart_domain_occupation_wages
GROUP BY evidence_filter, domain
ORDER BY evidence_filter, domain
