-- API list price per model and evidence filter: the median input and output price over its rows.
WITH newest AS (
    SELECT evidence_filter, model, arg_max(provider, price_date) AS provider, max(price_date) AS newest_price_date
    FROM api_prices_evidence
    GROUP BY evidence_filter, model
)
SELECT a.evidence_filter, a.model, n.provider,
       median(a.usd_per_million_input_tokens) AS usd_per_million_input_tokens,
       median(a.usd_per_million_output_tokens) AS usd_per_million_output_tokens,
       n.newest_price_date,
       count(*) AS figure_count,
       string_agg(DISTINCT a.source_id, ';' ORDER BY a.source_id) AS source_ids
FROM api_prices_evidence AS a JOIN newest AS n USING (evidence_filter, model)
GROUP BY a.evidence_filter, a.model, n.provider, n.newest_price_date
ORDER BY a.evidence_filter, a.model
