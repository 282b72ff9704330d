-- m_activity_counts: each year's distribution of the activity index's
-- components and their percentiles (the macro activity_counts_of, every
-- year). The year's percentiles are read from these few rows (a year of
-- 40,000 reports has about 1,200) instead of being stored per report: a
-- batch changes the counts of its year, not the stored rows of every
-- report of it.
CREATE OR REPLACE TABLE m_activity_counts AS
SELECT year, component, value, n, pct
FROM activity_counts_of('m_report_metrics', NULL)
ORDER BY year, component, value;
