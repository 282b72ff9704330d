-- flags: every supervision flag (the flag_* views, UNION ALL) with its
-- stable flag_id, before any decision; review_queue adds the decisions.
-- It depends on the reports alone (never on review_decisions). It was
-- kept as a table, m_flags, for a while; building that table inside an
-- ingest's transaction spilled gigabytes (a province's first load, over
-- 9 GB of temporary files), so the pages read this view again.
--
-- flag_id is the first 16 hex digits of the md5 of
-- kind|township|county|year|rule|cells: what the flag is about, never the
-- report_id (a re-ingest makes a new one) nor the basis (the values it rests
-- on). The body is (township, county), the identity every view uses: org is
-- the title as printed, which may change when the same body's report is
-- corrected.
--
-- A new flag kind adds one line below, naming the twelve columns.
CREATE OR REPLACE VIEW flags AS
WITH f AS (
    SELECT kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis FROM flag_arithmetic
    UNION ALL SELECT kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis FROM flag_plausible
    UNION ALL SELECT kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis FROM flag_incomplete
    UNION ALL SELECT kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis FROM flag_zero_activity
    UNION ALL SELECT kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis FROM flag_missing
    -- carry_over, stock and jump: one reading of cross_year_checks.
    UNION ALL SELECT kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis FROM flag_cross_year
    UNION ALL SELECT kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis FROM flag_peer_outlier
    UNION ALL SELECT kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis FROM flag_copied_prose
    UNION ALL SELECT kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis FROM flag_late
    UNION ALL SELECT kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis FROM flag_text_vs_table
)
SELECT
    substr(md5(concat_ws('|', kind, township, coalesce(county, ''), CAST(year AS VARCHAR), rule, cells)), 1, 16) AS flag_id,
    kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis
FROM f;
