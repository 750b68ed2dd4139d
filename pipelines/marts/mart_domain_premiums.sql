-- The premium of posted AI-training pay over the day job, per domain and evidence filter: the domain's posted
-- rate (mart_domain_expert_rates: base, and its low and high ends) ÷ its day-job wage (mart_domain_wages).
SELECT r.evidence_filter, r.domain, r.postings,
       r.base AS posted_usd_per_hour, w.usd_per_hour_median_weighted AS day_job_usd_per_hour, w.newest_year AS wage_year,
       r.low / w.usd_per_hour_median_weighted AS low,
       r.base / w.usd_per_hour_median_weighted AS base,
       r.high / w.usd_per_hour_median_weighted AS high,
       r.figure_count,
       r.source_ids || ';' || w.source_ids AS source_ids
FROM mart_domain_expert_rates AS r
JOIN mart_domain_wages AS w USING (evidence_filter, domain)
ORDER BY r.evidence_filter, r.domain
