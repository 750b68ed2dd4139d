-- Cost of a whole cluster as a multiple of its accelerators' price, per evidence filter: Cottier et al.'s
-- chip-to-server factor × server-to-cluster factor (each the median of its rows; the range multiplies the
-- ends).
WITH factors AS (
    SELECT evidence_filter, key, low, base, high, source_ids
    FROM mart_reference_figures
    WHERE key IN ('server_cost_overhead_multiplier', 'cluster_interconnect_overhead_multiplier')
)
SELECT s.evidence_filter,
       s.low * c.low AS low, s.base * c.base AS base, s.high * c.high AS high,
       2 AS figure_count,
       s.source_ids || ';' || c.source_ids AS source_ids
FROM factors AS s JOIN factors AS c USING (evidence_filter)
WHERE s.key = 'server_cost_overhead_multiplier' AND c.key = 'cluster_interconnect_overhead_multiplier'
ORDER BY s.evidence_filter
