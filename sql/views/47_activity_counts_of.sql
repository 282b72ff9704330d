-- activity_counts_of: how many current reports of each year print each
-- value of each component of the activity index (n), from the table
-- metrics_rel (m_report_metrics), and the percentile of the value among
-- them (pct: PERCENT_RANK, the count of smaller values over the count less
-- one); only the year only_year, or every year when it is NULL. The one
-- definition of m_activity_counts: its whole build
-- (queries/materialise/build) and its refresh of a touched year
-- (queries/materialise/fill) both read it. The table is an argument: a
-- macro binds the tables it names itself when it is created, before a new
-- database has built its m_ tables.
CREATE OR REPLACE MACRO activity_counts_of(metrics_rel, only_year) AS TABLE
WITH counted AS (
    SELECT year, component, value, count(*) AS n
    FROM (
        -- UNPIVOT drops NULL values: a report not printing a component is
        -- left out of its percentiles (as in activity_index).
        UNPIVOT (
            SELECT year, proactive_items, documents_issued, decisions, requests_processed
            FROM query_table(metrics_rel)
            WHERE only_year IS NULL OR year = only_year
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
WINDOW whole AS (PARTITION BY year, component);
