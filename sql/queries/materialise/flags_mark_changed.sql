-- Marks stale the counties of the run's changed reports (m_changed: the
-- replaced and the new), with their city and province so that a reader of
-- another area still reads m_flags; county NULL marks the unplaced bodies.
INSERT INTO m_flags_stale
SELECT DISTINCT c.county, r.city, r.province, FALSE
FROM (SELECT DISTINCT county FROM m_changed) AS c
LEFT JOIN (SELECT DISTINCT county, city, province FROM reports WHERE county IS NOT NULL) AS r
    ON r.county = c.county;
