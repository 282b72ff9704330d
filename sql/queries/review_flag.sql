-- The flag a review decision is about, as review_queue shows it now: $1
-- flag_id. Read from the view flags (m_flags, its materialised table,
-- was withdrawn: building it inside an ingest's transaction spilled
-- gigabytes, docs/scale.md).
SELECT kind, rule, org, township, county, year, cells, evidence, basis
FROM flags
WHERE flag_id = $1;
