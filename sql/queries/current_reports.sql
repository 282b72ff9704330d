-- The reports already loaded, to decide per file: new, unchanged or a replacement.
SELECT report_id, township, coalesce(county, ''), year, sha256, source_file FROM reports;
