-- m_report_metrics, incrementally: the reports the run replaced go, its new reports come.
INSERT INTO m_report_metrics
SELECT * FROM report_metrics
WHERE report_id IN (SELECT report_id FROM m_changed WHERE NOT gone)
ORDER BY province, county, year;
