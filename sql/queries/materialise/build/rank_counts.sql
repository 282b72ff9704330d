-- m_rank_counts: each year's distribution of the ranked metrics of
-- m_rank_rows with each value's rank and the count ranked (the macro
-- rank_counts_of, every year), read by the view m_ranks: a batch changes
-- its year's counts (about 1,600 rows for 40,000 townships), not every
-- township's row.
CREATE OR REPLACE TABLE m_rank_counts AS
SELECT year, metric, value, n, rank, ranked
FROM rank_counts_of('m_rank_rows', NULL)
ORDER BY year, metric, value;
