-- m_rollups, incrementally: every row from the earliest year the run
-- touched on, bound as $1 (a township's first report year decides the years
-- it is missing from, and a year's activity index moves with any report of
-- that year).
INSERT INTO m_rollups
SELECT
    level, province, city, county, year, townships, reports, missing, zero_activity, flagged,
    proactive_items, proactive_items_mean, documents_issued, decisions, requests_new, requests_received,
    requests_processed, granted_or_partial, grant_rate, appeals_total, appeals_corrected, appeals_concluded,
    correction_rate, activity_index_mean
-- The view's definition (49_rollups_of.sql) over the tables refreshed
-- before this one, which the tests check equal to their views.
FROM rollups_of('m_report_metrics', 'm_activity_index', 'm_zero_activity', 'm_missing_reports')
WHERE year >= $1
ORDER BY level, province, city, county, year;
