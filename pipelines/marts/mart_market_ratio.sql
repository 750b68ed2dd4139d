-- Human-data spend against training-compute spend per year and evidence filter: the vendors' summed human-data
-- revenue (mart_human_data_revenue_yearly) ÷ the summed training costs of all Epoch AI models published that
-- year (mart_training_compute_spend_yearly); empty where either side has no figure.
SELECT h.evidence_filter, h.year,
       h.revenue_usd AS human_data_usd,
       c.training_cost_sum_usd AS training_compute_usd,
       h.revenue_usd / c.training_cost_sum_usd AS human_data_to_compute_ratio,
       h.vendors_with_figure, c.runs_with_cost,
       nullif(concat_ws(';', h.source_ids, c.source_ids), '') AS source_ids
FROM mart_human_data_revenue_yearly AS h
JOIN mart_training_compute_spend_yearly AS c
  ON c.evidence_filter = h.evidence_filter AND c.year = h.year AND c.models = 'all models'
ORDER BY h.evidence_filter, h.year
