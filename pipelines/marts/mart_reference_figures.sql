-- Each reference quantity per evidence filter: base = median of the rows' values (a row giving only a
-- range counts as its midpoint); low/high = the lowest and highest value, low or high stated.
WITH rows AS (
    SELECT evidence_filter, key, unit, source_id, low AS stated_low, high AS stated_high,
           figure_middle(value, low, high) AS middle
    FROM reference_points_evidence
),
per_key AS (
    SELECT evidence_filter, key,
           string_agg(DISTINCT unit, ', ' ORDER BY unit) AS unit,
           median(middle) AS base,
           pooled_low(middle, stated_low) AS low,
           pooled_high(middle, stated_high) AS high,
           count(*) AS figure_count,
           string_agg(DISTINCT source_id, ';' ORDER BY source_id) AS source_ids
    FROM rows
    WHERE middle IS NOT NULL
    GROUP BY evidence_filter, key
)
SELECT evidence_filter, key, unit, low, base, high, figure_count, source_ids
FROM per_key
ORDER BY evidence_filter, key
