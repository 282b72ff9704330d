-- Every version of the reports of the township-years matching a name (the
-- body or the township; '' for all) and a year (0 for all): the current one
-- and those it replaced, newest first, with who loaded and who replaced each.
WITH versions AS (
    SELECT report_id, org, township, county, year, source_file, sha256, parsed_at, run_id,
           NULL::TIMESTAMP AS replaced_at, NULL::VARCHAR AS replaced_by, NULL::VARCHAR AS replaced_by_file,
           false AS forced, true AS is_current
    FROM reports
    UNION ALL
    SELECT report_id, org, township, county, year, source_file, sha256, parsed_at, run_id,
           replaced_at, replaced_by, replaced_by_file, coalesce(forced, false), false
    FROM report_versions
)
SELECT v.township, coalesce(v.county, ''), v.year, v.org, v.source_file, v.sha256, v.parsed_at,
       coalesce(r.by_user, ''), v.is_current, v.replaced_at, coalesce(v.replaced_by, ''),
       coalesce(v.replaced_by_file, ''), v.forced
FROM versions AS v
LEFT JOIN ingest_runs AS r USING (run_id)
WHERE (?1 = '' OR v.township = ?1 OR v.org = ?1 OR v.county = ?1)
  AND (?2 = 0 OR v.year = ?2)
ORDER BY v.county NULLS LAST, v.township, v.year, v.is_current DESC, v.replaced_at DESC
LIMIT ?3;
