-- Marks stale the counties of the run's changed reports (m_changed: the
-- replaced and the new); county NULL marks the unplaced bodies. A reader
-- finds a county's province and city in m_townships (flags_marks): a
-- mark that carried them cost a batch 50–80 ms of joins.
INSERT INTO m_flags_stale
SELECT DISTINCT county, FALSE, NULL FROM m_changed;
