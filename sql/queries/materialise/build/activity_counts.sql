-- m_activity_counts: how many current reports of each year print each
-- value of each component of the activity index (n), from
-- m_report_metrics, and the percentile of the value among them (pct:
-- PERCENT_RANK, the count of smaller values over the count less one). The
-- year's percentiles are read from these few rows (a year of 40,000 reports has
-- about 1,200) instead of being stored per report: a batch changes the
-- counts of its year, not the stored rows of every report of it.
CREATE OR REPLACE TABLE m_activity_counts AS
WITH counted AS (
    SELECT year, component, value, count(*) AS n
    FROM (
        -- UNPIVOT drops NULL values: a report not printing a component is
        -- left out of its percentiles (as in activity_index).
        UNPIVOT (
            SELECT year, proactive_items, documents_issued, decisions, requests_processed
            FROM m_report_metrics
        )
        ON proactive_items, documents_issued, decisions, requests_processed
        INTO NAME component VALUE value
    )
    GROUP BY year, component, value
)
SELECT
    year, component, value, n,
    -- PERCENT_RANK: (rank - 1) / (count - 1), ties sharing the lowest
    -- rank (one more than the count of smaller values), 0 when one value.
    CASE WHEN sum(n) OVER whole > 1
        THEN CAST(sum(n) OVER (whole ORDER BY value) - n AS DOUBLE) / CAST(sum(n) OVER whole - 1 AS DOUBLE)
        ELSE 0
    END AS pct
FROM counted
WINDOW whole AS (PARTITION BY year, component)
ORDER BY year, component, value;
