INSERT INTO figure_versions BY NAME SELECT * FROM figures WHERE report_id = ?;
