-- The reports already loaded, to decide per file of a large run: new,
-- unchanged or a replacement (a small run reads current_reports_of per county).
SELECT report_id, township, coalesce(county, ''), year, sha256, source_file, incomplete FROM reports;
