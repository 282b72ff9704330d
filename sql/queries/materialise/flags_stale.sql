-- The marks of m_flags_stale as the refresh reads them: each county once
-- (NULL: the unplaced bodies), and whether any mark is whole.
SELECT DISTINCT county, whole FROM m_flags_stale ORDER BY whole DESC, county NULLS LAST;
