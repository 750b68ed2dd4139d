-- Training-compute spend per year and evidence filter, from Epoch AI's models: the sum and the largest of the
-- training compute costs (2023 USD) of the models published that year, for frontier models and for all models,
-- with the count of runs that have a cost. A year without a costed run has an empty sum: a gap, never filled.
WITH runs AS (
    SELECT evidence_filter, year(publication_date) AS year, model, is_frontier,
           training_compute_cost_usd_2023 AS cost_usd, source_id
    FROM ai_models_evidence
    WHERE publication_date IS NOT NULL
),
scoped AS (
    SELECT *, 'all models' AS models FROM runs
    UNION ALL
    SELECT *, 'frontier models' AS models FROM runs WHERE is_frontier
),
per_year AS (
    SELECT evidence_filter, models, year,
           sum(cost_usd) FILTER (cost_usd > 0) AS training_cost_sum_usd,
           max(cost_usd) FILTER (cost_usd > 0) AS training_cost_max_usd,
           arg_max(model, cost_usd) FILTER (cost_usd > 0) AS model_at_max,
           count(*) FILTER (cost_usd > 0) AS runs_with_cost,
           count(*) AS models_published,
           string_agg(DISTINCT source_id, ';' ORDER BY source_id) FILTER (cost_usd > 0) AS source_ids
    FROM scoped
    GROUP BY evidence_filter, models, year
),
grid AS (
    SELECT f.evidence_filter, m.models, y.year
    FROM evidence_filters AS f
    CROSS JOIN (VALUES ('all models'), ('frontier models')) AS m(models)
    CROSS JOIN mart_market_years AS y
)
SELECT g.evidence_filter, g.models, g.year,
       p.training_cost_sum_usd, p.training_cost_max_usd, p.model_at_max,
       coalesce(p.runs_with_cost, 0) AS runs_with_cost,
       coalesce(p.models_published, 0) AS models_published,
       p.source_ids
FROM grid AS g LEFT JOIN per_year AS p USING (evidence_filter, models, year)
ORDER BY g.evidence_filter, g.models, g.year
