DELETE FROM reports WHERE report_id = ?;
