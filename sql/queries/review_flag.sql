-- The flag a review decision is about, as review_queue shows it now: $1
-- flag_id. Read from m_flags (the view flags, materialised with every
-- ingest in the same transaction), not from the view, which computes every
-- flag of the country to find one.
SELECT kind, rule, org, township, county, year, cells, evidence, basis
FROM m_flags
WHERE flag_id = $1;
