-- The warehouse default of every model input that has one, per evidence filter, in one shape: which
-- input, for which key (a domain, artifact type, accelerator, model or fit; '' when none), its range and
-- the mart that computed it. The model reads only this table; each row repeats its mart's numbers.
WITH reference(input, key) AS (
    VALUES ('utilization', 'training_hardware_utilization_fraction'),
           ('hardware_depreciation_ooms_per_year', 'hardware_depreciation_ooms_per_year'),
           ('average_power_fraction_of_tdp', 'accelerator_average_power_to_tdp_fraction'),
           ('datacenter_pue', 'datacenter_pue'),
           ('electricity_usd_per_kwh', 'electricity_usd_per_kwh'),
           ('hardware_price_performance_doubling_years', 'hardware_price_performance_doubling_years'),
           ('algorithmic_compute_halving_months', 'algorithmic_compute_halving_months'),
           ('wage_growth_per_year', 'wage_growth_per_year'),
           ('frontier_training_cost_growth_per_year', 'frontier_training_cost_growth_per_year'),
           ('human_words_heard_by_adulthood', 'human_words_heard_by_adulthood'),
           ('tokens_per_word', 'tokens_per_word'),
           ('frontier_pretraining_tokens', 'frontier_pretraining_tokens')
),
gpu_spec(input, spec) AS (
    VALUES ('peak_flop_per_gpu_second', 'peak_dense_bf16_flop_per_second'),
           ('hardware_usd_per_gpu', 'hardware_usd'),
           ('gpu_power_watts', 'board_power_watts')
),
fit_constant(input, constant) AS (
    VALUES ('scaling_e_loss', 'e_loss'), ('scaling_a_coef', 'a_coef'), ('scaling_b_coef', 'b_coef'),
           ('scaling_alpha', 'alpha'), ('scaling_beta', 'beta')
),
epoch_specs AS (  -- Epoch's ML hardware database first; the curated gpu_specs where it has no figure
    UNPIVOT (SELECT evidence_filter, gpu, source_id, peak_dense_bf16_flop_per_second AS peak_flop_per_gpu_second,
                    tdp_watts AS gpu_power_watts, release_price_usd AS hardware_usd_per_gpu,
                    availability_year AS gpu_availability_year
             FROM mart_accelerator_specs)
    ON peak_flop_per_gpu_second, gpu_power_watts, hardware_usd_per_gpu, gpu_availability_year
    INTO NAME input VALUE amount
),
words_per_token AS (  -- tokens per word from words-per-token figures where none is given directly
    SELECT evidence_filter, 1 / high AS low, 1 / base AS base, 1 / low AS high, figure_count, source_ids
    FROM mart_reference_figures WHERE key = 'words_per_token' AND low > 0
),
fits AS (
    UNPIVOT (SELECT evidence_filter, fit_name, e_loss, a_coef, b_coef, alpha, beta, figure_count, source_ids
             FROM mart_scaling_fits)
    ON e_loss, a_coef, b_coef, alpha, beta INTO NAME constant VALUE amount
),
defaults AS (
    SELECT evidence_filter, 'expert_usd_per_hour' AS input, domain AS key, low, base, high, figure_count, source_ids,
           'mart_domain_expert_rates' AS mart
    FROM mart_domain_expert_rates
    UNION ALL
    SELECT evidence_filter, 'expert_pool', domain, low, base, high, figure_count, source_ids, 'mart_domain_expert_pools'
    FROM mart_domain_expert_pools
    UNION ALL
    SELECT evidence_filter, 'hours_per_item', artifact_type, low, base, high, figure_count, source_ids,
           'mart_hours_per_item'
    FROM mart_hours_per_item
    UNION ALL
    SELECT evidence_filter, 'vendor_margin', '', low, base, high, figure_count, source_ids, 'mart_vendor_gross_margin'
    FROM mart_vendor_gross_margin
    UNION ALL
    SELECT evidence_filter, 'usd_per_gpu_hour', gpu, low, base, high, figure_count, source_ids,
           'mart_gpu_rental_prices'
    FROM mart_gpu_rental_prices
    UNION ALL
    SELECT g.evidence_filter, s.input, g.gpu, g.low, g.base, g.high, g.figure_count, g.source_ids, 'mart_gpu_specs'
    FROM mart_gpu_specs AS g JOIN gpu_spec AS s USING (spec)
    WHERE NOT EXISTS (SELECT 1 FROM epoch_specs AS e
                      WHERE e.evidence_filter = g.evidence_filter AND e.gpu = g.gpu AND e.input = s.input)
    UNION ALL
    SELECT evidence_filter, input, gpu, amount, amount, amount, 1, source_id, 'mart_accelerator_specs'
    FROM epoch_specs
    UNION ALL
    SELECT evidence_filter, 'skill_training_flop', '', low, base, high, figure_count, source_ids,
           'mart_skill_training_flop'
    FROM mart_skill_training_flop
    UNION ALL
    SELECT evidence_filter, 'cluster_overhead_multiplier', '', low, base, high, figure_count, source_ids,
           'mart_cluster_overhead'
    FROM mart_cluster_overhead
    UNION ALL
    SELECT m.evidence_filter, r.input, '', m.low, m.base, m.high, m.figure_count, m.source_ids, 'mart_reference_figures'
    FROM mart_reference_figures AS m JOIN reference AS r USING (key)
    UNION ALL
    SELECT w.evidence_filter, 'tokens_per_word', '', w.low, w.base, w.high, w.figure_count, w.source_ids,
           'mart_reference_figures'
    FROM words_per_token AS w
    WHERE NOT EXISTS (SELECT 1 FROM mart_reference_figures AS m
                      WHERE m.key = 'tokens_per_word' AND m.evidence_filter = w.evidence_filter)
    UNION ALL
    SELECT f.evidence_filter, c.input, f.fit_name, f.amount, f.amount, f.amount, f.figure_count, f.source_ids,
           'mart_scaling_fits'
    FROM fits AS f JOIN fit_constant AS c USING (constant)
    UNION ALL
    SELECT evidence_filter, 'usd_per_million_input_tokens', model, usd_per_million_input_tokens,
           usd_per_million_input_tokens, usd_per_million_input_tokens, figure_count, source_ids, 'mart_api_prices'
    FROM mart_api_prices
    UNION ALL
    SELECT evidence_filter, 'usd_per_million_output_tokens', model, usd_per_million_output_tokens,
           usd_per_million_output_tokens, usd_per_million_output_tokens, figure_count, source_ids, 'mart_api_prices'
    FROM mart_api_prices
)
SELECT evidence_filter, input, key, low, base, high, figure_count, source_ids, mart
FROM defaults
WHERE base IS NOT NULL
ORDER BY evidence_filter, input, key
