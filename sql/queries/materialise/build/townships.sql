-- m_townships: the view townships as a table, rebuilt whole, its rows stored in
-- (province, county) order so that DuckDB's zone maps skip the row groups a
-- filtered read does not need.
CREATE OR REPLACE TABLE m_townships AS
SELECT * FROM townships
ORDER BY province, county;
