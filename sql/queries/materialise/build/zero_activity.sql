-- m_zero_activity: the view zero_activity as a table, rebuilt whole, its rows stored in
-- (province, county, year) order so that DuckDB's zone maps skip the row groups a
-- filtered read does not need.
CREATE OR REPLACE TABLE m_zero_activity AS
SELECT * FROM zero_activity
ORDER BY province, county, year;
