-- Marks stale the counties of the run's changed reports (m_changed: the
-- replaced and the new), with their city and province so that a reader of
-- another area still reads m_flags; county NULL marks the unplaced bodies.
-- The city and province are those of the new reports (reports) or of the
-- replaced ones (m_report_metrics, not yet refreshed), joined by id: a few
-- row groups of each, where every report's placement grouped read 276,000
-- rows and a first batch's 90 MB more.
INSERT INTO m_flags_stale
SELECT DISTINCT c.county, coalesce(r.city, m.city), coalesce(r.province, m.province), FALSE, NULL
FROM m_changed AS c
LEFT JOIN reports AS r ON r.report_id = c.report_id AND NOT c.gone
LEFT JOIN m_report_metrics AS m ON m.report_id = c.report_id AND c.gone;
