-- DuckDB's own load of the ingest's report_prose, from the Parquet file $1
-- (table_to_parquet.sql), into a scratch database.
CREATE TABLE report_prose AS SELECT * FROM read_parquet($1)
