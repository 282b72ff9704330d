-- known_files for a large run: every current report's file.
SELECT source_file, file_size, file_mtime, sha256, township, coalesce(county, ''), year
FROM reports
WHERE file_size IS NOT NULL;
