-- m_report_figures, incrementally: the figures of the reports the run
-- replaced go (once a run), then each touched (county, year)'s new reports
-- come (fill). The ids are few and near each other, so DuckDB's filter on
-- their range lets the zone maps skip most of the table's row groups.
DELETE FROM m_report_figures
WHERE report_id IN (SELECT report_id FROM m_changed WHERE gone);
