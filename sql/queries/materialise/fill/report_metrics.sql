-- m_report_metrics, incrementally: one (county, year) of the run's changed
-- reports, bound as $1 county (NULL: the unplaced) and $2 year, so that the
-- planner filters the view's scans by constants: the reports the run
-- replaced go (clear), its new reports of that county and year come (fill).
INSERT INTO m_report_metrics
SELECT * FROM report_metrics
WHERE (county = $1 OR (county IS NULL AND $1 IS NULL)) AND year = $2
    AND report_id IN (SELECT report_id FROM m_changed WHERE NOT gone)
ORDER BY province, county, year;
