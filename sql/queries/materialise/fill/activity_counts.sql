-- m_activity_counts, incrementally: the counts of one year the run
-- touched, bound as $1, counted again from m_report_metrics (already
-- refreshed): five narrow columns of the year's rows.
INSERT INTO m_activity_counts
WITH counted AS (
    SELECT year, component, value, count(*) AS n
    FROM (
        -- UNPIVOT drops NULL values: a report not printing a component is
        -- left out of its percentiles (as in activity_index).
        UNPIVOT (
            SELECT year, proactive_items, documents_issued, decisions, requests_processed
            FROM m_report_metrics
        WHERE year = $1
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
