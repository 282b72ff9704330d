-- Every current report, read at once by a large run to decide per file
-- (new, unchanged or a replacement) and to skip files loaded unchanged
-- (file_size is NULL for a report whose file's state is not recorded); a
-- small run asks known_files and current_report instead.
SELECT report_id, township, coalesce(county, ''), year, sha256, source_file, incomplete, file_size, file_mtime
FROM reports;
