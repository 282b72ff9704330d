-- m_rank_rows, incrementally: the rows of one (county, year) the run
-- touched, bound as $1 county (NULL: the unplaced, who have no county
-- rank) and $2 year: about 80 rows for a county of 20 townships. As
-- build/rank_rows.sql, for that county and year.
INSERT INTO m_rank_rows
WITH metric_values AS (
    -- UNPIVOT drops NULL values: a township is not ranked on a metric its
    -- report does not print. The columns not unpivoted ride along.
    UNPIVOT (
        SELECT
            report_id, org, township, county, city, province, year,
            granted + partial AS granted_or_partial, requests_processed,
            proactive_items, decisions, requests_new, grant_rate
        FROM m_report_metrics
        WHERE (county = $1 OR (county IS NULL AND $1 IS NULL)) AND year = $2
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
FROM sampled
ORDER BY year, metric;
