-- m_activity_counts, incrementally: the counts of one year the run
-- touched, bound as $1, counted again from m_report_metrics (already
-- refreshed): five narrow columns of the year's rows.
INSERT INTO m_activity_counts
SELECT year, component, value, count(*) AS n
FROM (
    UNPIVOT (
        SELECT year, proactive_items, documents_issued, decisions, requests_processed
        FROM m_report_metrics
        WHERE year = $1
    )
    ON proactive_items, documents_issued, decisions, requests_processed
    INTO NAME component VALUE value
)
GROUP BY year, component, value
ORDER BY year, component, value;
