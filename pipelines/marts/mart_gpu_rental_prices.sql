-- Rental price per GPU-hour per accelerator and evidence filter, over the 12 months up to that
-- accelerator's newest price: base = median (a range-only row counts as its midpoint); low/high = the
-- lowest and highest price or stated range end in the window.
WITH rows AS (
    SELECT evidence_filter, gpu, price_date, source_id,
           usd_per_gpu_hour_low AS stated_low, usd_per_gpu_hour_high AS stated_high,
           figure_middle(usd_per_gpu_hour, usd_per_gpu_hour_low, usd_per_gpu_hour_high) AS middle
    FROM gpu_prices_evidence
),
windowed AS (
    SELECT *, max(price_date) OVER (PARTITION BY evidence_filter, gpu) AS window_end
    FROM rows
    WHERE middle IS NOT NULL
)
SELECT evidence_filter, gpu,
       min(price_date) AS window_start, max(window_end) AS window_end,
       pooled_low(middle, stated_low) AS low,
       median(middle) AS base,
       pooled_high(middle, stated_high) AS high,
       count(*) AS figure_count,
       string_agg(DISTINCT source_id, ';' ORDER BY source_id) AS source_ids
FROM windowed
WHERE price_date > window_end - INTERVAL 12 MONTH
GROUP BY evidence_filter, gpu
ORDER BY evidence_filter, gpu
