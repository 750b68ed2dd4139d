-- Data vendors' gross margin per evidence filter: base = median of the rows (a range-only row counts as
-- its midpoint), low/high = the lowest and highest value or stated range end.
WITH rows AS (
    SELECT evidence_filter, source_id, low AS stated_low, high AS stated_high,
           figure_middle(value, low, high) AS middle
    FROM vendor_metrics_evidence
    WHERE metric = 'gross_margin_fraction'
)
SELECT evidence_filter,
       pooled_low(middle, stated_low) AS low,
       median(middle) AS base,
       pooled_high(middle, stated_high) AS high,
       count(*) AS figure_count,
       string_agg(DISTINCT source_id, ';' ORDER BY source_id) AS source_ids
FROM rows
WHERE middle IS NOT NULL
GROUP BY evidence_filter
ORDER BY evidence_filter
