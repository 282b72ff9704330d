INSERT INTO check_versions BY NAME SELECT * FROM checks WHERE report_id = ?;
