-- The flag a review decision is about, as review_queue shows it now: $1 flag_id.
SELECT kind, rule, org, township, county, year, cells, evidence, basis
FROM review_queue
WHERE flag_id = $1;
