-- The counties that hold current reports: a run measures the copied prose
-- of the others as their reports stream in (ingest/store/copiedstream.go).
SELECT DISTINCT county FROM reports WHERE county IS NOT NULL;
