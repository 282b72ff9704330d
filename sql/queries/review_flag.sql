-- The flag a review decision is about, as review_queue shows it now: $1
-- flag_id, $2 the relation the flags are read from: m_flags (the view
-- flags' rows), or the view flags while m_flags is stale; $3 county ('' for
-- any), $4 the counties left out (VARCHAR[]): a part of the plan of
-- sqlfiles.PlanFlags (m_flags without the counties a run has marked, then
-- the view for each of them), tried one after the other.
SELECT kind, rule, org, township, county, year, cells, evidence, basis
FROM query_table($2::VARCHAR)
WHERE flag_id = $1 AND ($3 = '' OR county = $3)
    AND NOT coalesce(list_contains($4::VARCHAR[], county), FALSE);
