-- The market's years: 2019 through the newest year in which any market series has a figure (a vendor's
-- revenue or run-rate by the revenue rule, a lab's reported spending, a training run's cost), whatever the
-- evidence filter; a year without a figure in some series stays in the window and shows as a gap.
WITH newest AS (
    SELECT max(year) AS year FROM (
        SELECT year FROM mart_vendor_revenue_figures WHERE revenue_basis IS NOT NULL
        UNION ALL SELECT year FROM lab_spending
        UNION ALL SELECT year(publication_date) FROM ai_models WHERE training_compute_cost_usd_2023 > 0
    )
)
SELECT CAST(y.year AS INTEGER) AS year
FROM newest, range(2019, newest.year + 1) AS y(year)
ORDER BY year
