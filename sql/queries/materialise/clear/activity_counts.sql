-- m_activity_counts, incrementally: the counts of one year the run
-- touched, bound as $1 (about 1,200 rows for a year of 40,000 reports).
DELETE FROM m_activity_counts
WHERE year = $1;
