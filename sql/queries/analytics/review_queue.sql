-- The review queue of an area: $1 year (0 for all), $2 county ('' for
-- all), $3 row limit, $4 province, $5 city, $6 kind ('' for all), $7
-- status ('' for all). Open flags first, then by year (latest first),
-- county, township, kind, rule and cells.
SELECT
    q.flag_id, q.kind, q.rule, coalesce(q.report_id, 0), coalesce(q.org, ''), q.township, coalesce(q.county, ''),
    coalesce(q.city, ''), coalesce(q.province, ''), q.year, q.cells, q.evidence, q.basis, q.status,
    coalesce(q.comment, ''), coalesce(q.decided_by, ''), q.decided_at, q.reopened, coalesce(q.last_status, ''),
    -- The length of the complete list, whatever the limit.
    count(*) OVER () AS total
FROM review_queue AS q
WHERE ($1 = 0 OR q.year = $1) AND q.county IS NOT NULL AND ($2 = '' OR q.county = $2)
    AND ($4 = '' OR q.province = $4) AND ($5 = '' OR q.city = $5)
    AND ($6 = '' OR q.kind = $6) AND ($7 = '' OR q.status = $7)
ORDER BY q.status <> 'open', q.year DESC, q.county, q.township, q.kind, q.rule, q.cells
LIMIT $3;
