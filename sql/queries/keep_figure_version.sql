INSERT INTO figure_versions BY NAME SELECT * FROM figures WHERE list_contains(?::BIGINT[], report_id);
