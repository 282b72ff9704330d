-- DuckDB's own load of the ingest's prose_similarity, from the Parquet file $1
-- (table_to_parquet.sql), into a scratch database.
CREATE TABLE prose_similarity AS SELECT * FROM read_parquet($1)
