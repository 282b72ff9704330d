-- The rows of the Parquet files matching $1 (a glob), to check what was written.
SELECT count(*) FROM read_parquet($1, hive_partitioning = true);
