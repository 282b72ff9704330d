-- m_ranks, incrementally: every row of the years the run touched (a year's percentile ranks
-- move with any report of that year).
INSERT INTO m_ranks
SELECT * FROM ranks
WHERE year IN (SELECT year FROM m_changed)
ORDER BY year, metric;
