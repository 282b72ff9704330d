-- One table the ingest wrote ($1), as a Parquet file ($2): the source of
-- DuckDB's own load of every table the ingest writes (load_TABLE.sql), which
-- xxgk bench compares the ingest's database part with beside the figures'
-- CSV load.
COPY (SELECT * FROM query_table($1)) TO $2 (FORMAT parquet)
