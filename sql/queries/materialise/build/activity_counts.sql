-- m_activity_counts: how many current reports of each year print each
-- value of each component of the activity index (n), from
-- m_report_metrics. A report's percentile among its year's reports is the
-- count of smaller values over n - 1 (PERCENT_RANK), so the year's
-- percentiles are read from these few rows (a year of 40,000 reports has
-- about 1,200) instead of being stored per report: a batch changes the
-- counts of its year, not the stored rows of every report of it.
CREATE OR REPLACE TABLE m_activity_counts AS
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
ORDER BY year, component, value;
