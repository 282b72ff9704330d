-- m_flags: the rows of the view flags (every supervision flag with its
-- flag_id, before any decision), empty: ingest/store/flags.go fills it
-- after each run's commit, by county, and whole by ranges of provinces.
-- Its rows are stored in (province, county, year) order by the whole
-- build, so that DuckDB's zone maps skip the row groups of other areas.
CREATE OR REPLACE TABLE m_flags AS
SELECT flag_id, kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis
FROM flags
WHERE FALSE;
