-- Keep the reports a run replaces, with who replaced them, when and by
-- what: parallel lists of report ids, replacing files and forced flags.
INSERT INTO report_versions BY NAME
SELECT r.*, ?::TIMESTAMP AS replaced_at, ? AS replaced_by, ?::BIGINT AS replaced_in_run,
       m.by_file AS replaced_by_file, m.forced AS forced
FROM reports AS r
JOIN (SELECT unnest(?::BIGINT[]) AS id, unnest(?::VARCHAR[]) AS by_file, unnest(?::BOOLEAN[]) AS forced) AS m
  ON r.report_id = m.id;
