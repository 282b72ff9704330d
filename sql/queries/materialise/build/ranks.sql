-- m_ranks: the view ranks as a table, rebuilt whole, its rows stored in
-- (year, metric) order so that DuckDB's zone maps skip the row groups a
-- filtered read does not need.
CREATE OR REPLACE TABLE m_ranks AS
SELECT * FROM ranks
ORDER BY year, metric;
