-- The reports a run changed, against the materialised per-report metrics
-- (the state the tables were last refreshed to): those no longer current
-- (replaced: gone) and those new since. Their counties and years are the
-- scope of an incremental refresh. Report ids are never reused, so an id
-- present on both sides is the same report. The refresh reads them from
-- the run itself (changed_run.sql) and compares so only when those do not
-- account for every current report.
CREATE OR REPLACE TEMP TABLE m_changed AS
SELECT report_id, county, year, TRUE AS gone
FROM m_report_metrics
WHERE report_id NOT IN (SELECT report_id FROM reports)
UNION ALL
SELECT report_id, county, year, FALSE AS gone
FROM reports
WHERE report_id NOT IN (SELECT report_id FROM m_report_metrics);
