-- The API models a distillation can use, per evidence filter: the curated list prices (providers' own pages)
-- and the chat models of the major providers (openai, anthropic, gemini, xai, deepseek, mistral) in the newest
-- LiteLLM price table. The default teacher is curated: of the models priced within 12 months of the newest
-- curated price, the one with the highest output price (a frontier model: the teacher must already have the
-- skill); ties go to the newer price, then to the name sorting last.
WITH curated AS (
    SELECT evidence_filter, model, provider, usd_per_million_input_tokens, usd_per_million_output_tokens,
           newest_price_date, 'curated list price' AS price_source, figure_count, source_ids
    FROM mart_api_prices
),
newest_list AS (
    SELECT evidence_filter, max(snapshot_date) AS snapshot_date FROM api_price_list_evidence GROUP BY evidence_filter
),
listed AS (
    SELECT l.evidence_filter, l.model_key AS model, l.provider, l.usd_per_million_input_tokens,
           l.usd_per_million_output_tokens, l.snapshot_date AS newest_price_date,
           'LiteLLM price table' AS price_source, 1 AS figure_count, l.source_id AS source_ids
    FROM api_price_list_evidence AS l JOIN newest_list AS n USING (evidence_filter, snapshot_date)
    WHERE l.mode = 'chat' AND l.is_priced
      AND l.provider IN ('openai', 'anthropic', 'gemini', 'xai', 'deepseek', 'mistral')
),
windowed AS (
    SELECT *, max(newest_price_date) OVER (PARTITION BY evidence_filter) AS newest FROM curated
),
ranked AS (
    SELECT * EXCLUDE (newest),
           row_number() OVER (PARTITION BY evidence_filter
                              ORDER BY (newest_price_date > newest - INTERVAL 12 MONTH) DESC,
                                       usd_per_million_output_tokens DESC, newest_price_date DESC,
                                       model DESC) AS output_price_rank
    FROM windowed
)
SELECT evidence_filter, model, provider, usd_per_million_input_tokens, usd_per_million_output_tokens,
       newest_price_date, price_source, output_price_rank = 1 AS is_default_teacher, figure_count, source_ids
FROM ranked
UNION ALL
SELECT evidence_filter, model, provider, usd_per_million_input_tokens, usd_per_million_output_tokens,
       newest_price_date, price_source, false, figure_count, source_ids
FROM listed
ORDER BY 1, 8 DESC, 7, 2
