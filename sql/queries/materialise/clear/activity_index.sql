-- m_activity_index, incrementally: every row of the years the run touched (a year's percentile ranks
-- move with any report of that year).
DELETE FROM m_activity_index
WHERE year IN (SELECT year FROM m_changed);
