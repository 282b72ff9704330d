-- m_rank_counts, incrementally: the counts of one year the run touched,
-- bound as $1, counted again from m_rank_rows (already refreshed).
INSERT INTO m_rank_counts
SELECT year, metric, value, n, rank, ranked
FROM rank_counts_of('m_rank_rows', $1)
ORDER BY year, metric, value;
