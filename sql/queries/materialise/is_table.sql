-- Whether $1 is a table of the database (1) or not (0: a view, or absent).
SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = $1;
