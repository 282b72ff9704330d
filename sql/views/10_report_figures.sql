-- report_figures: every figure of every current report in long form, the
-- analysts' first stop. key is exactly the canonical key of FORMAT.md; a
-- figure the report does not print has no row (UNPIVOT drops NULLs), a
-- figure printed blank is 0.
--
-- The identity is joined to the wide figures first (one row per report)
-- and unpivoted with them: joining after the unpivot probed the join once
-- per figure (54 million times in a national database), which cost nine
-- times the CPU of a query grouping by key.
CREATE OR REPLACE VIEW report_figures AS
SELECT org, township, county, city, province, year, template, key, value
FROM (
    UNPIVOT (
        SELECT r.org, r.township, r.county, r.city, r.province, r.year, r.template, f.* EXCLUDE (report_id)
        FROM figures AS f
        JOIN reports AS r USING (report_id)
    )
    ON COLUMNS(* EXCLUDE (org, township, county, city, province, year, template))
    INTO NAME key VALUE value
);
