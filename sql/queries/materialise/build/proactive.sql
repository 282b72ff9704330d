-- m_proactive: the view proactive as a table, rebuilt whole, its rows stored in
-- (province, county, year) order so that DuckDB's zone maps skip the row groups a
-- filtered read does not need.
CREATE OR REPLACE TABLE m_proactive AS
SELECT * FROM proactive
ORDER BY province, county, year;
