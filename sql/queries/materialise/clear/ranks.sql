-- m_ranks, incrementally: every row of one year the run touched, bound as
-- $1 (a year's percentile ranks move with any report of that year); a
-- constant the planner pushes below the view's windows.
DELETE FROM m_ranks
WHERE year = $1;
