-- Every figure one report prints, by canonical key: $1 report_id. A figure
-- the report does not print has no row.
SELECT key, value
FROM (
    UNPIVOT (SELECT * FROM figures WHERE report_id = $1)
    ON COLUMNS(* EXCLUDE (report_id)) INTO NAME key VALUE value
);
