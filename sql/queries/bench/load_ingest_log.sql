-- DuckDB's own load of the ingest's ingest_log, from the Parquet file $1
-- (table_to_parquet.sql), into a scratch database.
CREATE TABLE ingest_log AS SELECT * FROM read_parquet($1)
