-- m_report_metrics, incrementally: the reports the run replaced go, its new reports come.
DELETE FROM m_report_metrics
WHERE report_id IN (SELECT report_id FROM m_changed WHERE gone);
