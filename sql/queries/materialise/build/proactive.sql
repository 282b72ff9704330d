-- m_proactive: the view proactive as a table, rebuilt whole, its rows stored in
-- (province, county, year) order so that DuckDB's zone maps skip the row groups a
-- filtered read does not need.
CREATE OR REPLACE TABLE m_proactive AS
-- The view's definition (its macro) over the tables refreshed before
-- this one, which the tests check equal to their views.
SELECT * FROM proactive_of('m_report_metrics')
ORDER BY province, county, year;
