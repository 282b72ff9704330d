SELECT (SELECT coalesce(max(report_id), 0) FROM reports), (SELECT coalesce(max(run_id), 0) FROM ingest_runs);
