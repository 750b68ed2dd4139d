-- One point per model per evidence filter with both a compute and a cost figure: the median compute and
-- median cost its rows state (a range-only cost counts as its midpoint), and the weakest confidence.
WITH rows AS (
    SELECT evidence_filter, model, developer, year, training_flop, confidence, source_id,
           figure_middle(cost_usd, cost_usd_low, cost_usd_high) AS cost_middle
    FROM training_runs_evidence
),
per_model AS (
    SELECT evidence_filter, model,
           arg_max(developer, year) AS developer, max(year) AS year,
           median(training_flop) AS training_flop,
           median(cost_middle) AS cost_usd,
           max(confidence_rank(confidence)) AS weakest,
           count(*) AS figure_count,
           string_agg(DISTINCT source_id, ';' ORDER BY source_id) AS source_ids
    FROM rows
    GROUP BY evidence_filter, model
)
SELECT evidence_filter, model, developer, year, training_flop, cost_usd,
       confidence_of_rank(weakest) AS confidence,
       figure_count, source_ids
FROM per_model
WHERE training_flop IS NOT NULL AND cost_usd IS NOT NULL
ORDER BY evidence_filter, model
