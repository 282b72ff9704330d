-- m_missing_reports: the view missing_reports as a table, rebuilt whole, its rows stored in
-- (province, county, year) order so that DuckDB's zone maps skip the row groups a
-- filtered read does not need.
CREATE OR REPLACE TABLE m_missing_reports AS
SELECT * FROM missing_reports
ORDER BY province, county, year;
