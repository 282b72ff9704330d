-- review_queue: every supervision flag (the flag_* views, UNION ALL) with a
-- stable flag_id and the supervisor's decision (docs/review.md).
--
-- flag_id is the first 16 hex digits of the md5 of
-- kind|township|county|year|rule|cells: what the flag is about, never the
-- report_id (a re-ingest makes a new one) nor the basis (the values it rests
-- on). The body is (township, county), the identity every view uses: org is
-- the title as printed, which may change when the same body's report is
-- corrected.
--
-- The decision is the flag's latest row of review_decisions, applied only
-- while the basis recorded with it equals the flag's current basis;
-- otherwise the flag is open again (reopened) and the old decision shows as
-- last_status. A flag that no longer appears (the figures were corrected)
-- leaves its decisions in review_decisions.
--
-- A new flag kind adds one line below, naming the twelve columns.
CREATE OR REPLACE VIEW review_queue AS
WITH flags AS (
    SELECT kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis FROM flag_arithmetic
    UNION ALL SELECT kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis FROM flag_plausible
    UNION ALL SELECT kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis FROM flag_incomplete
    UNION ALL SELECT kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis FROM flag_zero_activity
    UNION ALL SELECT kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis FROM flag_missing
    UNION ALL SELECT kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis FROM flag_carry_over
    UNION ALL SELECT kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis FROM flag_stock
    UNION ALL SELECT kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis FROM flag_jump
    UNION ALL SELECT kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis FROM flag_peer_outlier
    UNION ALL SELECT kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis FROM flag_copied_prose
    UNION ALL SELECT kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis FROM flag_late
    UNION ALL SELECT kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis FROM flag_text_vs_table
),
latest AS (
    SELECT flag_id,
           arg_max(status, decision_id) AS status,
           arg_max(comment, decision_id) AS comment,
           arg_max(basis, decision_id) AS basis,
           arg_max(decided_by, decision_id) AS decided_by,
           arg_max(decided_at, decision_id) AS decided_at
    FROM review_decisions
    GROUP BY flag_id
)
SELECT
    i.flag_id,
    f.kind,
    f.rule,
    f.report_id,
    f.org,
    f.township,
    f.county,
    f.city,
    f.province,
    f.year,
    f.cells,
    f.evidence,
    f.basis,
    CASE WHEN d.basis = f.basis THEN d.status ELSE 'open' END AS status,
    CASE WHEN d.basis = f.basis THEN d.comment END AS comment,
    CASE WHEN d.basis = f.basis THEN d.decided_by END AS decided_by,
    CASE WHEN d.basis = f.basis THEN d.decided_at END AS decided_at,
    coalesce(d.basis <> f.basis, FALSE) AS reopened,
    d.status AS last_status
FROM flags AS f
CROSS JOIN LATERAL (
    SELECT substr(md5(concat_ws('|', f.kind, f.township, coalesce(f.county, ''), CAST(f.year AS VARCHAR), f.rule, f.cells)), 1, 16) AS flag_id
) AS i
LEFT JOIN latest AS d ON d.flag_id = i.flag_id;
