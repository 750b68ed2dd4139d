-- The data vendors' human-data revenue summed per year and evidence filter (mart_vendor_revenue_years), with
-- its coverage: how many vendors have a figure and by which rule, and which vendors have none that year.
-- A year no vendor covers has an empty sum: a gap, never filled.
WITH per_year AS (
    SELECT evidence_filter, year,
           sum(revenue_usd) AS revenue_usd,
           sum(revenue_low_usd) AS revenue_low_usd,
           sum(revenue_high_usd) AS revenue_high_usd,
           count(revenue_usd) AS vendors_with_figure,
           count(*) FILTER (revenue_basis = 'annual revenue') AS annual_revenue_vendors,
           count(*) FILTER (revenue_basis = 'run-rate') AS run_rate_vendors,
           count(*) FILTER (revenue_basis = 'no figure') AS vendors_without_figure,
           string_agg(vendor, '; ' ORDER BY vendor) FILTER (revenue_usd IS NOT NULL) AS vendor_names,
           string_agg(vendor, '; ' ORDER BY vendor) FILTER (revenue_usd IS NULL) AS vendors_without_figure_names,
           CAST(sum(figure_count) AS BIGINT) AS figure_count,
           string_agg(source_ids, ';' ORDER BY vendor) AS source_id_lists
    FROM mart_vendor_revenue_years
    GROUP BY evidence_filter, year
),
grid AS (
    SELECT f.evidence_filter, y.year FROM evidence_filters AS f CROSS JOIN mart_market_years AS y
)
SELECT g.evidence_filter, g.year,
       p.revenue_low_usd, p.revenue_usd, p.revenue_high_usd,
       coalesce(p.vendors_with_figure, 0) AS vendors_with_figure,
       coalesce(p.annual_revenue_vendors, 0) AS annual_revenue_vendors,
       coalesce(p.run_rate_vendors, 0) AS run_rate_vendors,
       coalesce(p.vendors_without_figure, 0) AS vendors_without_figure,
       p.vendor_names, p.vendors_without_figure_names,
       coalesce(p.figure_count, 0) AS figure_count,
       nullif(array_to_string(list_sort(list_distinct(list_filter(string_split(coalesce(p.source_id_lists, ''), ';'),
                                                                  lambda s: s <> ''))), ';'), '') AS source_ids
FROM grid AS g LEFT JOIN per_year AS p USING (evidence_filter, year)
ORDER BY g.evidence_filter, g.year
