-- The scope of an incremental refresh, from the run's changed reports
-- (m_changed): each (county, year) they fall in, one row each. county is
-- NULL for the unplaced townships.
SELECT DISTINCT county, year FROM m_changed ORDER BY ALL;
