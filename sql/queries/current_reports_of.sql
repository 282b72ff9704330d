-- The current reports of one county ('' : the unplaced), to decide per file
-- of a small run: new, unchanged or a replacement (read once per county the
-- run's files belong to).
SELECT report_id, township, coalesce(county, ''), year, sha256, source_file, incomplete
FROM reports
WHERE coalesce(county, '') = ?;
