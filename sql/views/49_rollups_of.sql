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
),
-- Each county's sums and counts first, then the four levels from them: the
-- levels above a county add up a few thousand rows instead of grouping
-- every township four times (a year of a national database: about half
-- the CPU of the refresh). Means and rates are ratios of the sums, as avg
-- and the ratio of sums are.
counties AS (
    SELECT
        county, city, province, year,
        count(*) AS townships,
        count(*) FILTER (WHERE is_report) AS reports,
        count(*) FILTER (WHERE is_missing) AS missing,
        count(*) FILTER (WHERE is_zero_activity) AS zero_activity,
        count(*) FILTER (WHERE is_flagged) AS flagged,
        sum(proactive_items) AS proactive_items,
        count(proactive_items) AS proactive_items_n,
        sum(documents_issued) AS documents_issued,
        sum(decisions) AS decisions,
        sum(requests_new) AS requests_new,
        sum(requests_received) AS requests_received,
        sum(requests_processed) AS requests_processed,
        sum(granted_or_partial) AS granted_or_partial,
        sum(granted_or_partial) FILTER (WHERE requests_processed IS NOT NULL) AS grant_rate_num,
        sum(requests_processed) FILTER (WHERE granted_or_partial IS NOT NULL) AS grant_rate_den,
        sum(appeals_total) AS appeals_total,
        sum(appeals_corrected) AS appeals_corrected,
        sum(appeals_concluded) AS appeals_concluded,
        sum(activity_index) AS activity_index_sum,
        count(activity_index) AS activity_index_n
    FROM units
    GROUP BY county, city, province, year
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
    CAST(sum(townships) AS BIGINT) AS townships,
    CAST(sum(reports) AS BIGINT) AS reports,
    CAST(sum(missing) AS BIGINT) AS missing,
    CAST(sum(zero_activity) AS BIGINT) AS zero_activity,
    CAST(sum(flagged) AS BIGINT) AS flagged,
    sum(proactive_items) AS proactive_items,
    sum(proactive_items) / nullif(sum(proactive_items_n), 0) AS proactive_items_mean,
    sum(documents_issued) AS documents_issued,
    sum(decisions) AS decisions,
    sum(requests_new) AS requests_new,
    sum(requests_received) AS requests_received,
    sum(requests_processed) AS requests_processed,
    sum(granted_or_partial) AS granted_or_partial,
    sum(grant_rate_num) / nullif(sum(grant_rate_den), 0) AS grant_rate,
    sum(appeals_total) AS appeals_total,
    sum(appeals_corrected) AS appeals_corrected,
    sum(appeals_concluded) AS appeals_concluded,
    sum(appeals_corrected) / nullif(sum(appeals_concluded), 0) AS correction_rate,
    sum(activity_index_sum) / nullif(sum(activity_index_n), 0) AS activity_index_mean
FROM counties
GROUP BY GROUPING SETS ((province, city, county, year), (province, city, year), (province, year), (year));
