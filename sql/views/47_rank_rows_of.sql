-- rank_rows_of: the rows of the view ranks for the metrics whose values a
-- report holds by itself (proactive_items, decisions, requests_new,
-- grant_rate), with their ranks within the county, from the table
-- metrics_rel (m_report_metrics; an argument, since a macro binds the
-- tables it names itself when it is created, before a new database has
-- built them): every row when whole is TRUE, else the rows of county
-- only_county (NULL: the unplaced, who have no county rank) in year
-- only_year. The one definition of m_rank_rows, for its whole build and
-- its refresh of a touched county and year
-- (queries/materialise/{build,fill}/rank_rows.sql). Its windows restate
-- the county part of the view ranks (40_ranks.sql); the store's tests
-- check m_ranks equal to ranks.
CREATE OR REPLACE MACRO rank_rows_of(metrics_rel, whole, only_county, only_year) AS TABLE
WITH metric_values AS (
    -- UNPIVOT drops NULL values: a township is not ranked on a metric its
    -- report does not print. The columns not unpivoted ride along.
    UNPIVOT (
        SELECT
            report_id, org, township, county, city, province, year,
            granted + partial AS granted_or_partial, requests_processed,
            proactive_items, decisions, requests_new, grant_rate
        FROM query_table(metrics_rel)
        WHERE whole OR ((county = only_county OR (county IS NULL AND only_county IS NULL)) AND year = only_year)
    )
    ON proactive_items, decisions, requests_new, grant_rate
    INTO NAME metric VALUE value
),
sampled AS (
    SELECT
        v.report_id, v.org, v.township, v.county, v.city, v.province, v.year, v.metric, v.value,
        CASE WHEN v.metric = 'grant_rate' THEN v.granted_or_partial END AS numerator,
        CASE WHEN v.metric = 'grant_rate' THEN v.requests_processed END AS denominator,
        v.metric = 'grant_rate' AND v.requests_processed < t.min_rate_denominator AS small_sample
    FROM metric_values AS v
    CROSS JOIN thresholds AS t
)
SELECT
    report_id, org, township, county, city, province, year, metric, value,
    numerator, denominator, small_sample, year + 1 AS next_year,
    CASE WHEN county IS NOT NULL AND NOT small_sample
        THEN RANK() OVER (PARTITION BY year, metric, small_sample, county ORDER BY value DESC) END AS county_rank,
    CASE WHEN county IS NOT NULL
        THEN count(CASE WHEN NOT small_sample THEN 1 END) OVER (PARTITION BY year, metric, county) END AS county_ranked
FROM sampled;
