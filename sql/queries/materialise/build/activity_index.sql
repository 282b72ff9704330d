-- m_activity_index: the view activity_index as a table, rebuilt whole, its rows stored in
-- (province, county, year) order so that DuckDB's zone maps skip the row groups a
-- filtered read does not need.
CREATE OR REPLACE TABLE m_activity_index AS
SELECT * FROM activity_index
ORDER BY province, county, year;
