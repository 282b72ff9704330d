-- The earlier versions of one report, for its evidence page: $1
-- report_id. The reports its township-year held before, each replaced by a
-- later file and kept (report_versions), the last replaced first: its
-- file, SHA-256, when it was loaded and by whom, when, by whom and by which
-- file it was replaced, and whether that was forced with --replace.
SELECT
    v.source_file, v.sha256, v.parsed_at, coalesce(loaded.by_user, ''),
    v.replaced_at, coalesce(v.replaced_by, ''), coalesce(v.replaced_by_file, ''), coalesce(v.forced, false)
FROM reports AS r
JOIN report_versions AS v
  ON v.township = r.township AND v.county IS NOT DISTINCT FROM r.county AND v.year = r.year
LEFT JOIN ingest_runs AS loaded ON loaded.run_id = v.run_id
WHERE r.report_id = $1
ORDER BY v.replaced_at DESC, v.report_id DESC;
