-- m_missing_reports: the view missing_reports as a table, rebuilt whole, its rows stored in
-- (province, county, year) order so that DuckDB's zone maps skip the row groups a
-- filtered read does not need.
CREATE OR REPLACE TABLE m_missing_reports AS
-- The view's definition (its macro) over the tables refreshed before
-- this one, which the tests check equal to their views.
SELECT * FROM missing_reports_of('m_townships', 'm_report_metrics')
ORDER BY province, county, year;
