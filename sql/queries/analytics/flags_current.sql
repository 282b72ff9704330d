-- Whether m_flags holds the view flags' rows for an area: $1 province, $2
-- city, $3 county ('' for any). Not while a run's refresh is pending for
-- one of its counties (m_flags_stale, marked in the run's own transaction):
-- a mark of a kind in every county ('missing') covers every area. The
-- readers then read the view (the *_view.sql twin of their query), so
-- that no one sees flags of other data than the reports.
SELECT count(*) = 0
FROM m_flags_stale
WHERE whole OR kind IS NOT NULL
    OR (($1 = '' OR province = $1) AND ($2 = '' OR city = $2) AND ($3 = '' OR county = $3));
