-- Keep a report that is about to be replaced, with who replaced it, when
-- and by what.
INSERT INTO report_versions BY NAME
SELECT *, ?::TIMESTAMP AS replaced_at, ? AS replaced_by, ?::BIGINT AS replaced_in_run,
       ? AS replaced_by_file, ?::BOOLEAN AS forced
FROM reports WHERE report_id = ?;
