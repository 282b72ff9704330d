-- quality: every current report that breaks the template's arithmetic or is
-- incomplete (a part missing in whole or in part, e.g. a page cut off), one
-- row per report, with its failing cells (details in quality_checks).
CREATE OR REPLACE VIEW quality AS
WITH failing AS (
    SELECT
        report_id,
        count(*) AS checks_failed,
        list(cell ORDER BY rule, cell) AS failing_cells
    FROM checks
    GROUP BY report_id
)
SELECT
    r.report_id,
    r.org,
    r.township,
    r.county,
    r.city,
    r.province,
    r.year,
    r.template,
    r.source_file,
    coalesce(f.checks_failed, 0) AS checks_failed,
    coalesce(f.failing_cells, []::VARCHAR[]) AS failing_cells,
    r.incomplete,
    f.report_id IS NOT NULL AS breaks_arithmetic,
    len(r.incomplete) > 0 AS is_incomplete
FROM reports AS r
LEFT JOIN failing AS f USING (report_id)
WHERE f.report_id IS NOT NULL OR len(r.incomplete) > 0;
