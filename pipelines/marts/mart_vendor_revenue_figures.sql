-- Each vendor revenue or run-rate figure, read by the market's revenue rule: a revenue figure whose period is
-- a fiscal year ('FY2024', 'FY2023 (unaudited)') is that year's annual revenue; a run-rate belongs to the year
-- of its as-of date, else to the one year its period names; anything else is left out, with the reason. A
-- figure the curated note places outside the human-data business (the whole company, or another unit) is
-- left out too. A range-only figure counts as its midpoint.
WITH figures AS (
    SELECT csv_line AS figure_id, vendor, metric, period, as_of_date, value, low, high, notes,
           confidence, evidence_class, source_id
    FROM vendor_metrics_cited
    WHERE metric IN ('revenue_usd', 'arr_usd')
),
read AS (
    SELECT *,
           figure_middle(value, low, high) AS usd,
           TRY_CAST(regexp_extract(period, '^FY((?:19|20)[0-9]{2})(?:\s|$)', 1) AS INTEGER) AS fiscal_year,
           list_distinct(regexp_extract_all(period, '(?:19|20)[0-9]{2}')) AS period_years,
           regexp_matches(coalesce(notes, '') || ' ' || period,
                          '(?i)\bwhole (?:[a-z]+ )?(?:company|business)\b|\bcore career\b') AS is_outside_scope
    FROM figures
),
ruled AS (
    SELECT *,
           CASE WHEN is_outside_scope THEN NULL
                WHEN metric = 'revenue_usd' AND fiscal_year IS NOT NULL THEN 'annual revenue'
                WHEN metric = 'arr_usd' THEN 'run-rate' END AS revenue_basis,
           CASE WHEN metric = 'revenue_usd' THEN fiscal_year
                WHEN as_of_date IS NOT NULL THEN year(as_of_date)
                WHEN len(period_years) = 1 THEN CAST(period_years[1] AS INTEGER) END AS year
    FROM read
)
SELECT figure_id, vendor, metric, period, as_of_date,
       CASE WHEN revenue_basis IS NOT NULL AND year IS NOT NULL THEN year END AS year,
       usd, coalesce(low, value) AS low_usd, coalesce(high, value) AS high_usd,
       CASE WHEN revenue_basis IS NOT NULL AND year IS NOT NULL THEN revenue_basis END AS revenue_basis,
       CASE WHEN is_outside_scope THEN 'the note places it outside the human-data business (whole company or another unit)'
            WHEN metric = 'revenue_usd' AND fiscal_year IS NULL THEN 'not a fiscal year''s revenue (a quarter, half-year, cumulative or unstated period)'
            WHEN year IS NULL THEN 'a run-rate with neither a date nor one year in its period' END AS left_out_reason,
       notes, confidence, evidence_class, source_id
FROM ruled
ORDER BY vendor, figure_id
