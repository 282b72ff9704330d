-- m_rank_counts, incrementally: the counts of one year the run touched,
-- bound as $1, counted again from m_rank_rows (already refreshed).
INSERT INTO m_rank_counts
WITH counted AS (
    SELECT year, metric, value, count(*) AS n
    FROM m_rank_rows
    WHERE NOT small_sample AND year = $1
    GROUP BY year, metric, value
)
SELECT
    year, metric, value, n,
    -- RANK: one more than the count of larger values.
    CAST(sum(n) OVER (PARTITION BY year, metric ORDER BY value DESC) - n + 1 AS BIGINT) AS rank,
    CAST(sum(n) OVER (PARTITION BY year, metric) AS BIGINT) AS ranked
FROM counted
ORDER BY year, metric, value;
