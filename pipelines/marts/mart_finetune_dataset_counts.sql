-- Fine-tuning datasets recorded by the Data Provenance Initiative, per evidence filter, counted by year (the
-- earliest date any of its listings gives), task category and whether the text is human-written or
-- model-generated; a dataset with several task categories counts once in each, and once in '(all task categories)'.
WITH dated AS (
    SELECT evidence_filter, dataset_id, is_model_generated, has_human_annotation, task_categories, source_id,
           year(least(hf_date, github_date, pwc_date, semantic_scholar_date)) AS year
    FROM finetune_datasets_evidence
),
categories AS (
    SELECT evidence_filter, dataset_id, year, source_id,
           CASE WHEN is_model_generated THEN 'model-generated' ELSE 'human-written' END AS text_origin,
           trim(unnest(string_split(coalesce(task_categories, 'Unspecified'), ';'))) AS task_category
    FROM dated
    WHERE year IS NOT NULL
)
SELECT evidence_filter, year, task_category, text_origin, count(DISTINCT dataset_id) AS datasets,
       min(source_id) AS source_id
FROM categories
WHERE task_category <> ''
GROUP BY evidence_filter, year, task_category, text_origin
UNION ALL
SELECT evidence_filter, year, '(all task categories)', text_origin, count(DISTINCT dataset_id), min(source_id)
FROM categories
GROUP BY evidence_filter, year, text_origin
ORDER BY 1, 2, 3, 4
