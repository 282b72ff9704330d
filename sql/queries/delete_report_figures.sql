DELETE FROM figures WHERE report_id = ?;
