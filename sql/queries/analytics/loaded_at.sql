-- When the data was last loaded: the end of the latest ingest run (NULL
-- before any).
SELECT max(finished_at) FROM ingest_runs;
