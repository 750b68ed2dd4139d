-- Labs' own reports of what they spend a year on human data and on compute, per evidence filter, each a point
-- beside the market's sums (never added to them): the stated figure, else the midpoint of the stated range,
-- in the market's years.
SELECT f.evidence_filter, s.csv_line AS point_id, s.lab,
       CASE WHEN s.category = 'human_data' THEN 'human data' ELSE 'compute' END AS spend_side,
       s.category, s.year,
       s.usd_low AS low_usd,
       figure_middle(s.usd, s.usd_low, s.usd_high) AS usd,
       s.usd_high AS high_usd,
       CASE WHEN s.usd IS NOT NULL THEN 'stated' ELSE 'middle of range' END AS value_basis,
       s.basis AS spending_basis, s.as_of_date, s.aged_by_date, s.notes, s.confidence, s.source_id
FROM lab_spending_cited AS s
JOIN evidence_filters AS f
  ON passes_evidence_filter(f.hide_speculative, f.hide_secondary, s.confidence, s.evidence_class)
WHERE s.year IN (SELECT year FROM mart_market_years)
ORDER BY f.evidence_filter, s.year, s.lab, s.csv_line
