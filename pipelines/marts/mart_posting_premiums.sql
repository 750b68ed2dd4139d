-- Each posting's pay against its domain's day-job wage, per evidence filter the posting passes: its point
-- rate, low and high ends ÷ the domain's wage (mart_domain_wages).
SELECT f.evidence_filter, p.posting_id, p.platform, p.role, p.domain, p.rate_basis,
       p.usd_per_hour_point, p.usd_per_hour_low_end, p.usd_per_hour_high_end,
       w.usd_per_hour_median_weighted AS day_job_usd_per_hour,
       p.usd_per_hour_point / w.usd_per_hour_median_weighted AS premium_point,
       p.usd_per_hour_low_end / w.usd_per_hour_median_weighted AS premium_low_end,
       p.usd_per_hour_high_end / w.usd_per_hour_median_weighted AS premium_high_end,
       p.as_of_date, p.confidence, p.source_id
FROM mart_posting_rates AS p
JOIN evidence_filters AS f ON passes_evidence_filter(f.hide_speculative, f.hide_secondary, p.confidence, p.evidence_class)
LEFT JOIN mart_domain_wages AS w ON w.evidence_filter = f.evidence_filter AND w.domain = p.domain
ORDER BY f.evidence_filter, p.posting_id
