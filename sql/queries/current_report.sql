-- The report loaded for one township-year, if any.
SELECT report_id, sha256, source_file, incomplete
FROM reports
WHERE township = ? AND coalesce(county, '') = ? AND year = ?;
