-- The flag a review decision is about, as review_queue shows it now: $1
-- flag_id, from m_flags (the view flags' rows). Its twin review_flag_view
-- reads the view, while m_flags is stale anywhere (flags_current).
SELECT kind, rule, org, township, county, year, cells, evidence, basis
FROM m_flags
WHERE flag_id = $1;
