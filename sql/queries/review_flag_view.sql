-- The flag a review decision is about, as review_queue shows it now: $1
-- flag_id, from the view flags: review_flag's twin while m_flags is stale
-- somewhere (analytics/flags_current). The two differ by the relation
-- read alone (TestFlagQueriesTwins).
SELECT kind, rule, org, township, county, year, cells, evidence, basis
FROM flags
WHERE flag_id = $1;
