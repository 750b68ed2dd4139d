-- Frontier training runs with a cost, per evidence filter, for the model's growth fit: every model Epoch AI
-- flags as frontier with a training compute cost (2023 USD), at its publication date as a decimal year.
SELECT evidence_filter, model,
       decimal_year(publication_date) AS year,
       training_compute_cost_usd_2023 AS cost_usd, training_compute_flop,
       source_id, source_id AS source_ids
FROM ai_models_evidence
WHERE is_frontier AND training_compute_cost_usd_2023 > 0 AND publication_date IS NOT NULL
ORDER BY evidence_filter, year, model
