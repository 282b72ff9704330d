-- The marks of m_flags_stale that concern an area: $1 province, $2 city,
-- $3 county ('' for any). m_flags holds the view flags' rows for the area
-- when there is none. A run marks the counties of its changed reports in
-- its own transaction (a county's province and city from m_townships), so
-- a mark becomes visible with the run's reports; a mark of a kind in every
-- county ('missing') or of the whole table concerns every area, and the
-- unplaced bodies' mark (county NULL) the whole country.
-- Each row: the county marked (NULL for the unplaced bodies), and whether
-- the mark reaches beyond one county (whole, or a kind in every county):
-- the readers then read the view for the whole area, and otherwise the
-- view for the marked counties alone (analytics/flagsource.go).
SELECT s.county, s.whole OR s.kind IS NOT NULL AS everywhere
FROM m_flags_stale AS s
WHERE s.whole OR s.kind IS NOT NULL
    OR ($3 <> '' AND s.county = $3)
    OR ($3 = '' AND $1 = '' AND $2 = '')
    OR ($3 = '' AND s.county IN (
        SELECT county FROM m_townships WHERE ($1 = '' OR province = $1) AND ($2 = '' OR city = $2)
    ))
ORDER BY s.county;
