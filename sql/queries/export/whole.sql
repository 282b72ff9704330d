-- A relation with neither a year nor a report_id (regions, ingest runs):
-- one file. $1 names the relation, $2 is the output file.
COPY (SELECT * FROM query_table($1)) TO $2 (FORMAT parquet, COMPRESSION zstd);
