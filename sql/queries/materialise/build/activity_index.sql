-- m_activity_index: the view activity_index read from the materialised
-- tables, a view itself: each report's percentile of a component is its
-- value's among the year's (m_activity_counts), and the percentiles are
-- combined by the same macro as the view's (activity_score). Nothing of it is stored per
-- report: a batch moves every percentile of its year, and rewriting the
-- year's rows cost a county's batch seconds. A page's filter on the
-- year and area reaches the scan of m_report_metrics; the counts are
-- small. The store's tests check it equal to activity_index.
CREATE OR REPLACE VIEW m_activity_index AS
WITH w AS (
    SELECT
        max(weight) FILTER (WHERE component = 'proactive_items') AS proactive_items,
        max(weight) FILTER (WHERE component = 'documents_issued') AS documents_issued,
        max(weight) FILTER (WHERE component = 'decisions') AS decisions,
        max(weight) FILTER (WHERE component = 'requests_processed') AS requests_processed
    FROM activity_weights
)
SELECT
    m.report_id,
    m.org,
    m.township,
    m.county,
    m.city,
    m.province,
    m.year,
    m.template,
    p1.pct AS proactive_items_pct,
    p2.pct AS documents_issued_pct,
    p3.pct AS decisions_pct,
    p4.pct AS requests_processed_pct,
    activity_score(p1.pct, p2.pct, p3.pct, p4.pct,
        w.proactive_items, w.documents_issued, w.decisions, w.requests_processed) AS activity_index
FROM m_report_metrics AS m
LEFT JOIN m_activity_counts AS p1 ON p1.year = m.year AND p1.component = 'proactive_items' AND p1.value = m.proactive_items
LEFT JOIN m_activity_counts AS p2 ON p2.year = m.year AND p2.component = 'documents_issued' AND p2.value = m.documents_issued
LEFT JOIN m_activity_counts AS p3 ON p3.year = m.year AND p3.component = 'decisions' AND p3.value = m.decisions
LEFT JOIN m_activity_counts AS p4 ON p4.year = m.year AND p4.component = 'requests_processed' AND p4.value = m.requests_processed
CROSS JOIN w;
