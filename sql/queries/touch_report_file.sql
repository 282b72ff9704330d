-- The same bytes under the same name with a new modification time.
UPDATE reports SET file_size = ?, file_mtime = ? WHERE report_id = ?;
