-- activity_score: the composite activity index of one report from the
-- percentiles of its components (p1…p4: proactive_items, documents_issued,
-- decisions, requests_processed; NULL where the report does not print the
-- component) and their weights (w1…w4, activity_weights): 100 times the
-- weighted mean of the percentiles the report has. A macro, so that the
-- view activity_index and the materialised read path m_activity_index
-- (queries/materialise/build/activity_index.sql) combine them alike.
-- Rounded to 9 decimals: the same index summed in another order
-- (58.2089552238806 and 58.20895522388059) must tie in the rankings.
CREATE OR REPLACE MACRO activity_score(p1, p2, p3, p4, w1, w2, w3, w4) AS
    round(100 * (
        coalesce(w1 * p1, 0) + coalesce(w2 * p2, 0) + coalesce(w3 * p3, 0) + coalesce(w4 * p4, 0)
    ) / nullif(
        CASE WHEN p1 IS NOT NULL THEN w1 ELSE 0 END
        + CASE WHEN p2 IS NOT NULL THEN w2 ELSE 0 END
        + CASE WHEN p3 IS NOT NULL THEN w3 ELSE 0 END
        + CASE WHEN p4 IS NOT NULL THEN w4 ELSE 0 END,
        0), 9);
