-- Posted pay per domain and evidence filter: base = median point rate; low/high = median of the postings'
-- low ends / high ends (ceiling-only postings count towards the high end), widened to include base.
WITH pooled AS (
    SELECT f.evidence_filter, p.*
    FROM mart_posting_rates AS p
    JOIN evidence_filters AS f ON passes_evidence_filter(f.hide_speculative, f.hide_secondary, p.confidence, p.evidence_class)
),
per_domain AS (
    SELECT evidence_filter, domain,
           count(*) AS postings,
           count(usd_per_hour_point) AS postings_with_point,
           count(*) FILTER (is_ceiling_only) AS ceiling_only_postings,
           median(usd_per_hour_point) AS base,
           median(usd_per_hour_low_end) AS median_low_end,
           median(usd_per_hour_high_end) AS median_high_end,
           min(as_of_date) AS oldest_as_of_date,
           max(as_of_date) AS newest_as_of_date,
           string_agg(DISTINCT source_id, ';' ORDER BY source_id) AS source_ids
    FROM pooled
    GROUP BY evidence_filter, domain
)
SELECT evidence_filter, domain, postings, postings_with_point, ceiling_only_postings,
       oldest_as_of_date, newest_as_of_date,
       least(coalesce(median_low_end, base), base) AS low,
       base,
       greatest(coalesce(median_high_end, base), base) AS high,
       postings AS figure_count, source_ids
FROM per_domain
WHERE base IS NOT NULL
ORDER BY evidence_filter, domain
