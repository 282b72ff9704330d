-- m_activity_index, incrementally: every row of one year the run touched,
-- bound as $1 (a year's percentile ranks move with any report of that
-- year); a constant the planner pushes below the view's windows.
INSERT INTO m_activity_index
SELECT * FROM activity_index
WHERE year = $1
ORDER BY province, county, year;
