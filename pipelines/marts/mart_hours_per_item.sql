-- Expert hours per item of each artifact type per evidence filter, from dataset rows reporting both
-- expert_hours and item_count: base = median of the ratios, low/high = min and max.
WITH rows AS (
    SELECT evidence_filter, artifact_type, source_id, expert_hours / item_count AS hours_each
    FROM skill_datasets_evidence
    WHERE expert_hours IS NOT NULL AND item_count > 0
)
SELECT evidence_filter, artifact_type,
       min(hours_each) AS low, median(hours_each) AS base, max(hours_each) AS high,
       count(*) AS figure_count,
       string_agg(DISTINCT source_id, ';' ORDER BY source_id) AS source_ids
FROM rows
GROUP BY evidence_filter, artifact_type
ORDER BY evidence_filter, artifact_type
