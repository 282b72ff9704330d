-- m_rollups: the view rollups as a table, rebuilt whole, its rows stored in
-- (level, province, city, county, year) order so that DuckDB's zone maps skip the row groups a
-- filtered read does not need.
CREATE OR REPLACE TABLE m_rollups AS
SELECT
    level, province, city, county, year, townships, reports, missing, zero_activity, flagged,
    proactive_items, proactive_items_mean, documents_issued, decisions, requests_new, requests_received,
    requests_processed, granted_or_partial, grant_rate, appeals_total, appeals_corrected, appeals_concluded,
    correction_rate, activity_index_mean
-- The view's definition (49_rollups_of.sql) over the tables refreshed
-- before this one, which the tests check equal to their views.
FROM rollups_of('m_report_metrics', 'm_activity_index', 'm_zero_activity', 'm_missing_reports')
ORDER BY level, province, city, county, year;
