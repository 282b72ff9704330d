-- m_rank_counts, incrementally: the counts of one year the run touched,
-- bound as $1, counted again from m_rank_rows (already refreshed).
INSERT INTO m_rank_counts
SELECT year, metric, value, count(*) AS n
FROM m_rank_rows
WHERE NOT small_sample AND year = $1
GROUP BY year, metric, value
ORDER BY year, metric, value;
