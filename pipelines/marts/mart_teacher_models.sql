-- The API models a distillation page offers, per evidence filter, and the default teacher: among models
-- priced within 12 months of the newest curated price, the one with the highest output price (a frontier
-- model: the teacher must already have the skill); ties go to the newer price, then to the name sorting last.
WITH recent AS (
    SELECT *, max(newest_price_date) OVER (PARTITION BY evidence_filter) AS newest
    FROM mart_api_prices
),
ranked AS (
    SELECT *, row_number() OVER (PARTITION BY evidence_filter
                                 ORDER BY (newest_price_date > newest - INTERVAL 12 MONTH) DESC,
                                          usd_per_million_output_tokens DESC, newest_price_date DESC,
                                          model DESC) AS output_price_rank
    FROM recent
)
SELECT evidence_filter, model, provider, usd_per_million_input_tokens, usd_per_million_output_tokens,
       newest_price_date, output_price_rank = 1 AS is_default_teacher, figure_count, source_ids
FROM ranked
ORDER BY evidence_filter, output_price_rank
