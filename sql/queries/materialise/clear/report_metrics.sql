-- m_report_metrics, incrementally: one (county, year) of the run's changed
-- reports, bound as $1 county (NULL: the unplaced) and $2 year, so that the
-- planner filters the view's scans by constants: the reports the run
-- replaced go (clear), its new reports of that county and year come (fill).
DELETE FROM m_report_metrics
WHERE report_id IN (SELECT report_id FROM m_changed WHERE gone);
