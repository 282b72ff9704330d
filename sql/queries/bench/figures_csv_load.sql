-- The baseline of the ingest's database part: DuckDB's own load of the
-- same wide figures from a CSV file ($1), into a scratch database.
CREATE TABLE figures_from_csv AS SELECT * FROM read_csv($1, header = true, auto_detect = true)
