-- Data vendors' gross margin per evidence filter: base = median of the rows (a range-only row counts as
-- its midpoint), low/high = the lowest and highest value or stated range end.
WITH rows AS (
    SELECT evidence_filter, source_id, low AS stated_low, high AS stated_high,
           coalesce(value, (low + high) / 2) AS middle
    FROM vendor_metrics_evidence
    WHERE metric = 'gross_margin_fraction'
)
SELECT evidence_filter,
       least(min(middle), min(stated_low)) AS low,
       median(middle) AS base,
       greatest(max(middle), max(stated_high)) AS high,
       count(*) AS figure_count,
       string_agg(DISTINCT source_id, ';' ORDER BY source_id) AS source_ids
FROM rows
WHERE middle IS NOT NULL
GROUP BY evidence_filter
ORDER BY evidence_filter
