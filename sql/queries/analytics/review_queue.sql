-- The review queue of an area: $1 year (0 for all), $2 county ('' for
-- all), $3 row limit, $4 province, $5 city, $6 kind ('' for all), $7
-- status ('' for all), $8 the relation the flags are read from: m_flags
-- (the view flags' rows, refreshed after each run's commit), or the view
-- flags while m_flags is stale for the area (analytics/flagsource.go),
-- $9 the counties left out (VARCHAR[]; empty for none): a whole area's
-- flags are read from m_flags without the counties a run has marked, and
-- from the view for each of those (county $2).
-- Open flags first, then by year (latest first), county, township, kind,
-- rule and cells.
-- The view review_queue, restated with the area's filter applied to the
-- flags; the decisions are joined as the view joins them. The view and
-- this query must agree; the analytics tests check both.
WITH latest AS (
    SELECT flag_id,
           arg_max(status, decision_id) AS status,
           arg_max(comment, decision_id) AS comment,
           arg_max(basis, decision_id) AS basis,
           arg_max(decided_by, decision_id) AS decided_by,
           arg_max(decided_at, decision_id) AS decided_at
    FROM review_decisions
    GROUP BY flag_id
),
q AS (
    SELECT
        f.flag_id, f.kind, f.rule, f.report_id, f.org, f.township, f.county, f.city, f.province, f.year,
        f.cells, f.evidence, f.basis,
        CASE WHEN d.basis = f.basis THEN d.status ELSE 'open' END AS status,
        CASE WHEN d.basis = f.basis THEN d.comment END AS comment,
        CASE WHEN d.basis = f.basis THEN d.decided_by END AS decided_by,
        CASE WHEN d.basis = f.basis THEN d.decided_at END AS decided_at,
        coalesce(d.basis <> f.basis, FALSE) AS reopened,
        d.status AS last_status
    FROM query_table($8::VARCHAR) AS f
    LEFT JOIN latest AS d ON d.flag_id = f.flag_id
    WHERE ($1 = 0 OR f.year = $1) AND f.county IS NOT NULL AND ($2 = '' OR f.county = $2)
        AND ($4 = '' OR f.province = $4) AND ($5 = '' OR f.city = $5)
        AND ($6 = '' OR f.kind = $6)
        AND NOT coalesce(list_contains($9::VARCHAR[], f.county), FALSE)
)
SELECT
    q.flag_id, q.kind, q.rule, coalesce(q.report_id, 0), coalesce(q.org, ''), q.township, coalesce(q.county, ''),
    coalesce(q.city, ''), coalesce(q.province, ''), q.year, q.cells, q.evidence, q.basis, q.status,
    coalesce(q.comment, ''), coalesce(q.decided_by, ''), q.decided_at, q.reopened, coalesce(q.last_status, ''),
    -- The length of the complete list, whatever the limit.
    count(*) OVER () AS total
FROM q
WHERE ($7 = '' OR q.status = $7)
ORDER BY q.status <> 'open', q.year DESC, q.county, q.township, q.kind, q.rule, q.cells
LIMIT $3;
