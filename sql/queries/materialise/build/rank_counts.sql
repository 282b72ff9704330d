-- m_rank_counts: how many townships of each year hold each value of each
-- ranked metric of m_rank_rows (the rates on too small a sample left out:
-- they are not ranked). A township's rank in the whole database is one
-- more than the count of larger values (RANK: ties share it), read from
-- these rows by the view m_ranks: a batch changes its year's counts
-- (about 1,600 rows for 40,000 townships), not every township's row.
CREATE OR REPLACE TABLE m_rank_counts AS
SELECT year, metric, value, count(*) AS n
FROM m_rank_rows
WHERE NOT small_sample
GROUP BY year, metric, value
ORDER BY year, metric, value;
