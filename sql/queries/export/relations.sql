-- The relations xxgk export writes: every table and view of the main
-- schema, with whether it has a year column (written partitioned by it) or
-- a report_id (given the report's year, then partitioned) or neither (one
-- file). schema_version is bookkeeping, not data.
SELECT r.name,
       bool_or(c.column_name = 'year')      AS has_year,
       bool_or(c.column_name = 'report_id') AS has_report
FROM (
    SELECT table_name AS name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT internal
    UNION ALL
    SELECT view_name AS name FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal
) AS r
JOIN duckdb_columns() AS c ON c.table_name = r.name AND c.schema_name = 'main'
WHERE r.name <> 'schema_version'
GROUP BY r.name
ORDER BY r.name;
