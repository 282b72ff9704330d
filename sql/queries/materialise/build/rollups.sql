-- m_rollups: the view rollups as a table, rebuilt whole, its rows stored in
-- (level, province, city, county, year) order so that DuckDB's zone maps skip the row groups a
-- filtered read does not need.
CREATE OR REPLACE TABLE m_rollups AS
SELECT * FROM rollups
ORDER BY level, province, city, county, year;
