-- Each loss fit's constants per evidence filter (the median over its rows).
SELECT evidence_filter, fit_name,
       median(e_loss) AS e_loss, median(a_coef) AS a_coef, median(b_coef) AS b_coef,
       median(alpha) AS alpha, median(beta) AS beta,
       count(*) AS figure_count,
       string_agg(DISTINCT source_id, ';' ORDER BY source_id) AS source_ids
FROM scaling_fits_evidence
GROUP BY evidence_filter, fit_name
ORDER BY evidence_filter, fit_name
