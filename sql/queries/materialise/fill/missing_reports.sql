-- m_missing_reports, incrementally: every row of one county the run
-- touched, bound as $1 (NULL: the unplaced townships); a constant the
-- planner pushes into the view's scans and below its windows.
INSERT INTO m_missing_reports
-- The view's definition (its macro) over the tables refreshed before
-- this one, which the tests check equal to their views.
SELECT * FROM missing_reports_of('m_townships', 'm_report_metrics')
WHERE (county = $1 OR (county IS NULL AND $1 IS NULL))
ORDER BY province, county, year;
