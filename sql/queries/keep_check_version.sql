INSERT INTO check_versions BY NAME SELECT * FROM checks WHERE list_contains(?::BIGINT[], report_id);
