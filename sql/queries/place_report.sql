-- Place a report: its body is now in the regions (or placed anew there).
UPDATE reports SET township = ?, county = ?, city = ?, province = ?, placed = true WHERE report_id = ?;
