-- Each public dataset's artifact mix, for use as a scenario template: per dataset and artifact type, the
-- largest item count its rows report, and the dataset's domain (its first row's).
WITH rows AS (
    SELECT dataset, artifact_type, domain, item_count, csv_line, confidence, evidence_class, source_id
    FROM skill_datasets_cited
    WHERE item_count IS NOT NULL
)
SELECT dataset, artifact_type,
       max(item_count) AS item_count,
       (SELECT r.domain FROM skill_datasets_cited AS r WHERE r.dataset = rows.dataset ORDER BY r.csv_line LIMIT 1)
           AS dataset_domain,
       string_agg(DISTINCT source_id, ';' ORDER BY source_id) AS source_ids
FROM rows
GROUP BY dataset, artifact_type
ORDER BY dataset, artifact_type
