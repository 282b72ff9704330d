-- activity_index: the composite activity index of each township-year (one
-- row per current report), 0-100. Each component (activity_weights) is
-- turned into its percentile among all township-years of the same year
-- (PERCENT_RANK: (rank - 1) / (n - 1) over the reports printing it, ties
-- sharing the lowest rank, 0 when n = 1); the index is 100 times the
-- weighted mean of the percentiles of the components the report prints.
CREATE OR REPLACE VIEW activity_index AS
-- PERCENT_RANK runs over the reports printing the component only: a NULL
-- component is left out rather than ranked last.
WITH pct AS (
    SELECT
        report_id,
        org,
        township,
        county,
        city,
        province,
        year,
        template,
        proactive_items,
        documents_issued,
        decisions,
        requests_processed,
        CASE WHEN proactive_items IS NOT NULL THEN PERCENT_RANK() OVER (
            PARTITION BY year, proactive_items IS NULL ORDER BY proactive_items) END AS proactive_items_pct,
        CASE WHEN documents_issued IS NOT NULL THEN PERCENT_RANK() OVER (
            PARTITION BY year, documents_issued IS NULL ORDER BY documents_issued) END AS documents_issued_pct,
        CASE WHEN decisions IS NOT NULL THEN PERCENT_RANK() OVER (
            PARTITION BY year, decisions IS NULL ORDER BY decisions) END AS decisions_pct,
        CASE WHEN requests_processed IS NOT NULL THEN PERCENT_RANK() OVER (
            PARTITION BY year, requests_processed IS NULL ORDER BY requests_processed) END AS requests_processed_pct
    FROM report_metrics
),
w AS (
    SELECT
        max(weight) FILTER (WHERE component = 'proactive_items') AS proactive_items,
        max(weight) FILTER (WHERE component = 'documents_issued') AS documents_issued,
        max(weight) FILTER (WHERE component = 'decisions') AS decisions,
        max(weight) FILTER (WHERE component = 'requests_processed') AS requests_processed
    FROM activity_weights
)
SELECT
    pct.report_id,
    pct.org,
    pct.township,
    pct.county,
    pct.city,
    pct.province,
    pct.year,
    pct.template,
    pct.proactive_items_pct,
    pct.documents_issued_pct,
    pct.decisions_pct,
    pct.requests_processed_pct,
    -- The weighted mean of the percentiles (30_activity_score.sql).
    activity_score(
        pct.proactive_items_pct, pct.documents_issued_pct, pct.decisions_pct, pct.requests_processed_pct,
        w.proactive_items, w.documents_issued, w.decisions, w.requests_processed) AS activity_index
FROM pct
CROSS JOIN w;
