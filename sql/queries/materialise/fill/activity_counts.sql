-- m_activity_counts, incrementally: the counts of one year the run
-- touched, bound as $1, counted again from m_report_metrics (already
-- refreshed): five narrow columns of the year's rows.
INSERT INTO m_activity_counts
SELECT year, component, value, n, pct
FROM activity_counts_of('m_report_metrics', $1)
ORDER BY year, component, value;
