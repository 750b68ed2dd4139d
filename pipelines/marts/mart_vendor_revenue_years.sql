-- Each data vendor's human-data revenue in each of the market's years, per evidence filter, by the revenue
-- rule: its reported annual revenue for that fiscal year where a figure passing the filter gives one, else the
-- median of the run-rates dated in that year; the figures pooled give the range. Every vendor with a figure in
-- some year has a row for every year: 'no figure' where none, never filled.
WITH passing AS (
    SELECT f.evidence_filter, r.*
    FROM mart_vendor_revenue_figures AS r
    JOIN evidence_filters AS f
      ON passes_evidence_filter(f.hide_speculative, f.hide_secondary, r.confidence, r.evidence_class)
    WHERE r.revenue_basis IS NOT NULL AND r.year IN (SELECT year FROM mart_market_years)
),
annual AS (
    SELECT DISTINCT evidence_filter, vendor, year FROM passing WHERE revenue_basis = 'annual revenue'
),
picked AS (
    SELECT p.*
    FROM passing AS p LEFT JOIN annual AS a USING (evidence_filter, vendor, year)
    WHERE p.revenue_basis = 'annual revenue' OR a.year IS NULL
),
per_vendor_year AS (
    SELECT evidence_filter, vendor, year,
           any_value(revenue_basis) AS revenue_basis,
           median(usd) AS revenue_usd,
           least(min(low_usd), median(usd)) AS revenue_low_usd,
           greatest(max(high_usd), median(usd)) AS revenue_high_usd,
           count(*) AS figure_count,
           max(confidence_rank(confidence)) AS weakest,
           min(as_of_date) AS oldest_as_of_date,
           max(as_of_date) AS newest_as_of_date,
           string_agg(DISTINCT source_id, ';' ORDER BY source_id) AS source_ids
    FROM picked
    GROUP BY evidence_filter, vendor, year
),
grid AS (
    SELECT v.evidence_filter, v.vendor, y.year
    FROM (SELECT DISTINCT evidence_filter, vendor FROM per_vendor_year) AS v
    CROSS JOIN mart_market_years AS y
)
SELECT g.evidence_filter, g.vendor, g.year,
       coalesce(p.revenue_basis, 'no figure') AS revenue_basis,
       p.revenue_low_usd, p.revenue_usd, p.revenue_high_usd,
       confidence_of_rank(p.weakest) AS confidence,
       p.oldest_as_of_date, p.newest_as_of_date,
       coalesce(p.figure_count, 0) AS figure_count, p.source_ids
FROM grid AS g LEFT JOIN per_vendor_year AS p USING (evidence_filter, vendor, year)
ORDER BY g.evidence_filter, g.vendor, g.year
