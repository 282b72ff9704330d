-- The flag a review decision is about, as review_queue shows it now: $1
-- flag_id, $2 the relation the flags are read from: m_flags (the view
-- flags' rows), or the view flags while m_flags is stale anywhere
-- (analytics/flags_marks.sql).
SELECT kind, rule, org, township, county, year, cells, evidence, basis
FROM query_table($2::VARCHAR)
WHERE flag_id = $1;
