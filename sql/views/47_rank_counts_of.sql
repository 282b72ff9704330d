-- rank_counts_of: how many townships of each year hold each value of each
-- ranked metric of the table rows_rel (m_rank_rows: the rates on too small a sample
-- left out: they are not ranked), the rank of the value (RANK: one more
-- than the count of larger values, ties sharing it) and the count ranked;
-- only the year only_year, or every year when it is NULL. The one
-- definition of m_rank_counts, for its whole build and its refresh of a
-- touched year (queries/materialise/{build,fill}/rank_counts.sql). The
-- table is an argument: a macro binds the tables it names itself when it
-- is created, before a new database has built its m_ tables.
CREATE OR REPLACE MACRO rank_counts_of(rows_rel, only_year) AS TABLE
WITH counted AS (
    SELECT year, metric, value, count(*) AS n
    FROM query_table(rows_rel)
    WHERE NOT small_sample AND (only_year IS NULL OR year = only_year)
    GROUP BY year, metric, value
)
SELECT
    year, metric, value, n,
    -- RANK: one more than the count of larger values.
    CAST(sum(n) OVER (PARTITION BY year, metric ORDER BY value DESC) - n + 1 AS BIGINT) AS rank,
    CAST(sum(n) OVER (PARTITION BY year, metric) AS BIGINT) AS ranked
FROM counted;
