-- The marks of m_flags_stale as the refresh reads them: each county once
-- (NULL: the unplaced bodies), whether any mark is whole, and the kinds
-- marked in every county.
SELECT DISTINCT county, whole, kind FROM m_flags_stale ORDER BY whole DESC, kind NULLS LAST, county NULLS LAST;
