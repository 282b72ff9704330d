-- DuckDB's own load of the ingest's stated_figures, from the Parquet file $1
-- (table_to_parquet.sql), into a scratch database.
CREATE TABLE stated_figures AS SELECT * FROM read_parquet($1)
