-- rollups_of: the roll-ups (the view rollups, 50_rollups.sql) computed from
-- the relations named by its arguments: report_metrics, activity_index,
-- zero_activity and missing_reports, or their materialised tables
-- (m_report_metrics, …). A macro, so that the view and the refresh of
-- m_rollups (queries/materialise/fill/rollups.sql) share one definition:
-- the refresh reads the tables refreshed before it instead of computing
-- the views again (0.9 s of CPU for a year of a national database; 0.2 s
-- from the tables).
CREATE OR REPLACE MACRO rollups_of(metrics_rel, activity_rel, zero_rel, missing_rel) AS TABLE
WITH per_report AS (
    SELECT
        p.county,
        p.city,
        p.province,
        p.year,
        TRUE AS is_report,
        FALSE AS is_missing,
        z.report_id IS NOT NULL AS is_zero_activity,
        ql.report_id IS NOT NULL AS is_flagged,
        p.proactive_items,
        p.documents_issued,
        p.decisions,
        p.requests_new,
        p.requests_received,
        p.requests_processed,
        p.granted + p.partial AS granted_or_partial,
        p.appeals_total,
        p.appeals_corrected,
        p.appeals_concluded,
        ai.activity_index
    FROM query_table(metrics_rel) AS p
    -- On the year too: a filter on it reaches the activity index (a view
    -- over the materialised tables computes only the rows it keeps).
    JOIN query_table(activity_rel) AS ai ON ai.report_id = p.report_id AND ai.year = p.year
    LEFT JOIN query_table(zero_rel) AS z ON z.report_id = p.report_id
    LEFT JOIN quality AS ql ON ql.report_id = p.report_id
    WHERE p.county IS NOT NULL
),
units AS (
    SELECT
        county, city, province, year, is_report, is_missing, is_zero_activity, is_flagged,
        proactive_items, documents_issued, decisions, requests_new, requests_received, requests_processed,
        granted_or_partial, appeals_total, appeals_corrected, appeals_concluded, activity_index
    FROM per_report
    UNION ALL
    SELECT
        county, city, province, year, FALSE, TRUE, FALSE, FALSE,
        NULL, NULL, NULL, NULL, NULL, NULL,
        NULL, NULL, NULL, NULL, NULL
    FROM query_table(missing_rel)
    WHERE county IS NOT NULL
)
SELECT
    CASE
        WHEN GROUPING(county) = 0 THEN 'county'
        WHEN GROUPING(city) = 0 THEN 'city'
        WHEN GROUPING(province) = 0 THEN 'province'
        ELSE 'all'
    END AS level,
    province,
    city,
    county,
    year,
    count(*) AS townships,
    count(*) FILTER (WHERE is_report) AS reports,
    count(*) FILTER (WHERE is_missing) AS missing,
    count(*) FILTER (WHERE is_zero_activity) AS zero_activity,
    count(*) FILTER (WHERE is_flagged) AS flagged,
    sum(proactive_items) AS proactive_items,
    avg(proactive_items) AS proactive_items_mean,
    sum(documents_issued) AS documents_issued,
    sum(decisions) AS decisions,
    sum(requests_new) AS requests_new,
    sum(requests_received) AS requests_received,
    sum(requests_processed) AS requests_processed,
    sum(granted_or_partial) AS granted_or_partial,
    sum(granted_or_partial) FILTER (WHERE requests_processed IS NOT NULL)
        / nullif(sum(requests_processed) FILTER (WHERE granted_or_partial IS NOT NULL), 0) AS grant_rate,
    sum(appeals_total) AS appeals_total,
    sum(appeals_corrected) AS appeals_corrected,
    sum(appeals_concluded) AS appeals_concluded,
    sum(appeals_corrected) / nullif(sum(appeals_concluded), 0) AS correction_rate,
    avg(activity_index) AS activity_index_mean
FROM units
GROUP BY GROUPING SETS ((province, city, county, year), (province, city, year), (province, year), (year));
