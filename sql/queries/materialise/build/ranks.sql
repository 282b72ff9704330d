-- m_ranks: the view ranks read from the materialised tables, a view itself
-- (the store's tests check it equal to ranks). For the metrics a report
-- holds by itself, its row and county rank are stored (m_rank_rows) and
-- its rank in the whole database is its value's in its year
-- (m_rank_counts); the composite activity index moves
-- with every report of its year, so its ranks are computed here from
-- m_activity_index, over the years a page asks for (a filter on the
-- year passes below the windows, partitioned by year). Nothing here is
-- stored per township and year: a county's batch rewrites its own rows
-- and its years' counts only.
CREATE OR REPLACE VIEW m_ranks AS
WITH ranked AS (
    SELECT year, metric, max(ranked) AS ranked
    FROM m_rank_counts
    GROUP BY year, metric
),
held AS (
    SELECT
        k.report_id, k.org, k.township, k.county, k.city, k.province, k.year, k.metric, k.value,
        k.numerator, k.denominator, k.small_sample, k.next_year,
        CASE WHEN NOT k.small_sample THEN a.rank END AS rank,
        -- The count ranked of the year's metric, also where the row's own
        -- value is not ranked (a rate on too small a sample).
        coalesce(r.ranked, 0) AS ranked,
        k.county_rank, k.county_ranked
    FROM m_rank_rows AS k
    LEFT JOIN m_rank_counts AS a ON a.year = k.year AND a.metric = k.metric AND a.value = k.value
    LEFT JOIN ranked AS r ON r.year = k.year AND r.metric = k.metric
),
activity AS (
    SELECT
        report_id, org, township, county, city, province, year, 'activity_index' AS metric,
        activity_index AS value,
        CAST(NULL AS DOUBLE) AS numerator, CAST(NULL AS DOUBLE) AS denominator, FALSE AS small_sample,
        year + 1 AS next_year,
        RANK() OVER (PARTITION BY year ORDER BY activity_index DESC) AS rank,
        count(*) OVER (PARTITION BY year) AS ranked,
        CASE WHEN county IS NOT NULL
            THEN RANK() OVER (PARTITION BY year, county ORDER BY activity_index DESC) END AS county_rank,
        CASE WHEN county IS NOT NULL THEN count(*) OVER (PARTITION BY year, county) END AS county_ranked
    FROM m_activity_index
    WHERE activity_index IS NOT NULL
)
SELECT * FROM held
UNION ALL
SELECT * FROM activity;
