-- m_rank_counts, incrementally: the counts of one year the run touched,
-- bound as $1.
DELETE FROM m_rank_counts
WHERE year = $1;
