DELETE FROM checks WHERE report_id = ?;
