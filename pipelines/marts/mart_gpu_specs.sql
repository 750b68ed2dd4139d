-- Each accelerator's specs per evidence filter: base = median of the rows' values (a range-only row
-- counts as its midpoint); low/high = the lowest and highest value, low or high stated.
WITH rows AS (
    SELECT evidence_filter, gpu, spec, source_id, low AS stated_low, high AS stated_high,
           figure_middle(value, low, high) AS middle
    FROM gpu_specs_evidence
)
SELECT evidence_filter, gpu, spec,
       pooled_low(middle, stated_low) AS low,
       median(middle) AS base,
       pooled_high(middle, stated_high) AS high,
       count(*) AS figure_count,
       string_agg(DISTINCT source_id, ';' ORDER BY source_id) AS source_ids
FROM rows
WHERE middle IS NOT NULL
GROUP BY evidence_filter, gpu, spec
ORDER BY evidence_filter, gpu, spec
