-- m_rank_counts: how many townships of each year hold each value of each
-- ranked metric of m_rank_rows (the rates on too small a sample left out:
-- they are not ranked), the rank of the value (RANK: one more than the
-- count of larger values, ties sharing it) and the count ranked, read
-- from these rows by the view m_ranks: a batch changes its year's counts
-- (about 1,600 rows for 40,000 townships), not every township's row.
CREATE OR REPLACE TABLE m_rank_counts AS
WITH counted AS (
    SELECT year, metric, value, count(*) AS n
    FROM m_rank_rows
    WHERE NOT small_sample
    GROUP BY year, metric, value
)
SELECT
    year, metric, value, n,
    -- RANK: one more than the count of larger values.
    CAST(sum(n) OVER (PARTITION BY year, metric ORDER BY value DESC) - n + 1 AS BIGINT) AS rank,
    CAST(sum(n) OVER (PARTITION BY year, metric) AS BIGINT) AS ranked
FROM counted
ORDER BY year, metric, value;
