-- m_report_metrics: the view report_metrics as a table, rebuilt whole, its rows stored in
-- (province, county, year) order so that DuckDB's zone maps skip the row groups a
-- filtered read does not need.
CREATE OR REPLACE TABLE m_report_metrics AS
SELECT * FROM report_metrics
ORDER BY province, county, year;
