-- report_figures: every figure of every current report in long form, the
-- analysts' first stop. key is exactly the canonical key of FORMAT.md; a
-- figure the report does not print has no row (UNPIVOT drops NULLs), a
-- figure printed blank is 0.
--
-- The long form is stored: unpivoting 276,133 reports × 227 figures costs
-- about 1.7 s of CPU a query (54 million rows; single-threaded in a
-- server), reading it stored about 0.3 s. report_figures_of is its one
-- definition; the store keeps m_report_figures (report_id, key, value)
-- equal to it at every ingest, in the run's transaction
-- (queries/materialise/{build,clear,fill}/report_figures.sql), and the
-- view joins the small reports table to it. The join costs little: the
-- ids are dense, so DuckDB probes a perfect hash, and the table's rows
-- are in report_id order (ids only grow), so a filter on reports that
-- keeps a range of ids (a county, a province: loaded together) lets the
-- zone maps skip the other row groups.

-- report_figures_of: the long form of the figures, every current report's
-- when whole is TRUE, else those of county only_county (NULL: the
-- unplaced) in year only_year: the whole build of m_report_figures and
-- its refresh of a touched county and year.
CREATE OR REPLACE MACRO report_figures_of(whole, only_county, only_year) AS TABLE
SELECT report_id, key, value
FROM (
    UNPIVOT (
        SELECT f.*
        FROM figures AS f
        WHERE whole OR f.report_id IN (
            SELECT report_id FROM reports
            WHERE (county = only_county OR (county IS NULL AND only_county IS NULL)) AND year = only_year
        )
    )
    ON COLUMNS(* EXCLUDE (report_id))
    INTO NAME key VALUE value
);

-- A view binds the tables it reads when it is created, and the views are
-- applied before the store builds the materialised tables: a new
-- database gets the table empty here, of the shape the build gives it.
CREATE TABLE IF NOT EXISTS m_report_figures (report_id BIGINT, key VARCHAR, value DOUBLE);

CREATE OR REPLACE VIEW report_figures AS
SELECT r.org, r.township, r.county, r.city, r.province, r.year, r.template, f.key, f.value
FROM m_report_figures AS f
JOIN reports AS r USING (report_id);
