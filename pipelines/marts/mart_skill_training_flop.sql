-- The compute of teaching one skill, per evidence filter: each model's post-training compute (the median
-- of its rows at its most inclusive stage: all post-training, else RL, else SFT), then the median over
-- models as the default and the smallest and largest model as its range.
WITH usable AS (
    SELECT *, CASE stage WHEN 'post_training_total' THEN 1 WHEN 'rl' THEN 2 ELSE 3 END AS stage_rank
    FROM mart_post_training_compute
    WHERE training_flop IS NOT NULL
),
per_model AS (
    SELECT evidence_filter, model, median(training_flop) AS training_flop,
           string_agg(DISTINCT source_id, ';' ORDER BY source_id) AS source_ids, count(*) AS figure_count
    FROM usable AS u
    WHERE stage_rank = (SELECT min(v.stage_rank) FROM usable AS v
                        WHERE v.evidence_filter = u.evidence_filter AND v.model = u.model)
    GROUP BY evidence_filter, model
)
SELECT evidence_filter,
       count(*) AS models,
       string_agg(model, '; ' ORDER BY model) AS model_names,
       min(training_flop) AS low, median(training_flop) AS base, max(training_flop) AS high,
       sum(figure_count)::BIGINT AS figure_count,
       array_to_string(list_sort(list_distinct(flatten(list(string_split(source_ids, ';'))))), ';') AS source_ids
FROM per_model
GROUP BY evidence_filter
ORDER BY evidence_filter
