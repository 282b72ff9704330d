-- m_missing_reports, incrementally: every row of one county the run
-- touched, bound as $1 (NULL: the unplaced townships); a constant the
-- planner pushes into the view's scans and below its windows.
DELETE FROM m_missing_reports
WHERE (county = $1 OR (county IS NULL AND $1 IS NULL));
