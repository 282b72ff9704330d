-- What is remembered of the files a batch names: a file whose size,
-- modification time and SHA-256 are unchanged is not parsed again.
SELECT source_file, file_size, file_mtime, sha256, township, coalesce(county, ''), year
FROM reports
WHERE file_size IS NOT NULL AND list_contains(?::VARCHAR[], source_file);
