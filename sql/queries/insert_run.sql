INSERT INTO ingest_runs (run_id, started_at, finished_at, loaded, replaced, unchanged, failed, flagged, unplaced, refused, by_user)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);
