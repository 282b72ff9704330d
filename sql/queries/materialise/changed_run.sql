-- The reports a run changed, from the run itself ($1: its run_id): those it
-- replaced (report_versions.replaced_in_run; a run deletes a current report
-- only so) and those it added (reports.run_id). Equal to changed.sql's
-- comparison of every id of reports with every id of m_report_metrics
-- when the tables were refreshed by every run before, as each run does in
-- its own transaction; changed_summary checks the counts agree and the
-- refresh falls back to changed.sql when they do not. Two narrow scans
-- where the comparison built hash tables of every id twice: 1-4 ms of
-- CPU against 45-60 ms on a national database.
CREATE OR REPLACE TEMP TABLE m_changed AS
SELECT report_id, county, year, TRUE AS gone
FROM m_report_metrics
WHERE report_id IN (SELECT report_id FROM report_versions WHERE replaced_in_run = $1)
UNION ALL
SELECT report_id, county, year, FALSE AS gone
FROM reports
WHERE run_id = $1;
