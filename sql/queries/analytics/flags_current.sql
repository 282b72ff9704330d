-- Whether m_flags holds the view flags' rows for an area: $1 province, $2
-- city, $3 county ('' for any). Not while a run's refresh is pending for
-- one of its counties (m_flags_stale, marked in the run's own transaction;
-- a county's province and city from m_townships), nor while a mark of a
-- kind in every county ('missing') or of the whole table is. The readers
-- then read the view (their query bound to FlagsView, sql/sqlfiles.go),
-- so that no one sees flags of other data than the reports.
SELECT count(*) = 0
FROM m_flags_stale AS s
WHERE s.whole OR s.kind IS NOT NULL
    OR ($3 <> '' AND s.county = $3)
    OR ($3 = '' AND $1 = '' AND $2 = '')
    OR ($3 = '' AND s.county IN (
        SELECT county FROM m_townships WHERE ($1 = '' OR province = $1) AND ($2 = '' OR city = $2)
    ));
