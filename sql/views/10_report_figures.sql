-- report_figures: every figure of every current report in long form, the
-- analysts' first stop. key is exactly the canonical key of FORMAT.md; a
-- figure the report does not print has no row (UNPIVOT drops NULLs), a
-- figure printed blank is 0.
CREATE OR REPLACE VIEW report_figures AS
SELECT
    r.org,
    r.township,
    r.county,
    r.city,
    r.province,
    r.year,
    r.template,
    u.key,
    u.value
FROM (
    UNPIVOT figures ON COLUMNS(* EXCLUDE (report_id)) INTO NAME key VALUE value
) AS u
JOIN reports AS r USING (report_id);
