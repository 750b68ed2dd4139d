-- One row per disclosed post-training stage and evidence filter, with its compute in FLOP: as stated
-- (a stated range counts as its midpoint), else its GPU-hours × the GPU's peak dense BF16 FLOP/s × the
-- median curated training utilisation × 3600 (a GPU named by family, e.g. H100, counts as its SXM variant),
-- else its share × the model's median pre-training compute.
WITH stages AS (
    SELECT evidence_filter, csv_line AS stage_id, model, developer, year, stage, skill, gpu_type, gpu_hours,
           share_of_pretraining_compute, confidence, source_id,
           figure_middle(training_flop, training_flop_low, training_flop_high) AS stated_flop
    FROM post_training_runs_evidence
),
peaks AS (
    SELECT evidence_filter, gpu, base AS peak_flop_per_second
    FROM mart_gpu_specs WHERE spec = 'peak_dense_bf16_flop_per_second'
),
utilisation AS (
    SELECT evidence_filter, base AS utilization
    FROM mart_reference_figures WHERE key = 'training_hardware_utilization_fraction'
),
pretraining AS (
    SELECT evidence_filter, model, median(training_flop) AS pretraining_flop
    FROM training_runs_evidence WHERE training_flop IS NOT NULL
    GROUP BY evidence_filter, model
),
estimated AS (
    SELECT s.*,
           (SELECT p.peak_flop_per_second FROM peaks AS p
            WHERE p.evidence_filter = s.evidence_filter AND (p.gpu = s.gpu_type OR p.gpu LIKE s.gpu_type || '-%')
            ORDER BY p.gpu LIKE '%SXM%' DESC, p.gpu LIMIT 1) AS peak_flop_per_second,
           u.utilization, t.pretraining_flop
    FROM stages AS s
    LEFT JOIN utilisation AS u USING (evidence_filter)
    LEFT JOIN pretraining AS t USING (evidence_filter, model)
)
SELECT evidence_filter, stage_id, model, developer, year, stage, skill,
       coalesce(stated_flop, gpu_hours * peak_flop_per_second * utilization * 3600,
                share_of_pretraining_compute * pretraining_flop) AS training_flop,
       CASE WHEN stated_flop IS NOT NULL THEN 'stated'
            WHEN gpu_hours IS NOT NULL AND peak_flop_per_second IS NOT NULL AND utilization IS NOT NULL
                THEN 'GPU-hours × peak FLOP/s × utilisation'
            WHEN share_of_pretraining_compute IS NOT NULL AND pretraining_flop IS NOT NULL
                THEN 'share of pre-training compute'
            ELSE 'not convertible' END AS flop_basis,
       confidence, source_id
FROM estimated
ORDER BY evidence_filter, stage_id
