-- DuckDB's own load of the ingest's regions, from the Parquet file $1
-- (table_to_parquet.sql), into a scratch database.
CREATE TABLE regions AS SELECT * FROM read_parquet($1)
