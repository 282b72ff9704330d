-- A relation keyed by report_id without a year of its own (figures,
-- checks, ingest_log): each row gets its report's year, then as
-- by_year.sql. A log row of a report since replaced has no year: it goes
-- to year=NULL rather than being lost.
COPY (
    SELECT rep.year AS year, x.*
    FROM query_table($1) AS x
    LEFT JOIN reports AS rep ON rep.report_id = x.report_id
)
TO $2 (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (year));
