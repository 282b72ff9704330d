-- A relation with a year column, partitioned by it (hive style:
-- year=2024/data_0.parquet). $1 names the relation (from relations.sql,
-- never user text), $2 is the output folder.
COPY (SELECT * FROM query_table($1))
TO $2 (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (year));
