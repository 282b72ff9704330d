-- m_zero_activity, incrementally: every row of one county the run touched,
-- bound as $1 (NULL: the unplaced townships); a constant the planner pushes
-- into the view's scans and below its windows.
INSERT INTO m_zero_activity
SELECT * FROM zero_activity
WHERE (county = $1 OR (county IS NULL AND $1 IS NULL))
ORDER BY province, county, year;
