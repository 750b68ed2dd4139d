-- Frontier training runs with a cost, per evidence filter, for the model's growth fit: each model's
-- median cost (2023 USD where Epoch gives it) at its release, as a decimal year.
SELECT evidence_filter, model, year + 0.5 AS year, cost_usd,
       split_part(source_ids, ';', 1) AS source_id, source_ids
FROM mart_training_run_points
ORDER BY evidence_filter, year, model
