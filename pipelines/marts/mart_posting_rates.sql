-- One row per posted pay rate, with the rule that turns its stated figures into a point and a range.
WITH postings AS (
    SELECT csv_line AS posting_id, platform, role, domain,
           usd_per_hour_low AS low, usd_per_hour_typical AS typical, usd_per_hour_high AS high,
           as_of_date, confidence, evidence_class, source_id
    FROM expert_rates_cited
),
ruled AS (
    SELECT *,
           CASE WHEN typical IS NOT NULL THEN 'typical'
                WHEN low IS NOT NULL AND high IS NOT NULL THEN 'middle of range'
                WHEN high IS NOT NULL THEN 'ceiling only'
                ELSE 'floor only' END AS rate_basis
    FROM postings
)
SELECT posting_id, platform, role, domain,
       CASE rate_basis WHEN 'typical' THEN typical
                       WHEN 'middle of range' THEN (low + high) / 2 END AS usd_per_hour_point,
       CASE WHEN rate_basis = 'ceiling only' THEN NULL ELSE coalesce(low, typical) END AS usd_per_hour_low_end,
       coalesce(high, typical) AS usd_per_hour_high_end,
       rate_basis = 'ceiling only' AS is_ceiling_only,
       rate_basis, as_of_date, confidence, evidence_class, source_id
FROM ruled
ORDER BY posting_id
