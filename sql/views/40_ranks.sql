-- ranks: every township ranked per year on each headline metric, overall and
-- within its county (one row per year, metric and township), without the
-- comparison with the year before: rankings adds it. Kept as a view of its
-- own so that each of rankings' two references to it gets a filter on the
-- year pushed below its window functions. See sql/README.md.
--
-- A rate (grant_rate) is ranked only where its denominator reaches
-- thresholds.min_rate_denominator: a township below it keeps its row, with
-- its numerator and denominator, but no rank (small_sample is TRUE), so
-- pages list it apart instead of dropping it.
CREATE OR REPLACE VIEW ranks AS
WITH metric_values AS (
    -- UNPIVOT drops NULL values: a township is not ranked on a metric its
    -- report does not print. The columns not unpivoted ride along.
    UNPIVOT (
        SELECT
            m.report_id, m.org, m.township, m.county, m.city, m.province, m.year,
            m.granted + m.partial AS granted_or_partial, m.requests_processed,
            m.proactive_items, m.decisions, m.requests_new, m.grant_rate, a.activity_index
        FROM report_metrics AS m
        JOIN activity_index AS a USING (report_id)
    )
    ON proactive_items, decisions, requests_new, grant_rate, activity_index
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
    numerator, denominator, small_sample,
    -- next_year (not year - 1 in the join) lets a filter on the year reach both sides.
    year + 1 AS next_year,
    CASE WHEN NOT small_sample
        THEN RANK() OVER (PARTITION BY year, metric, small_sample ORDER BY value DESC) END AS rank,
    count(*) FILTER (WHERE NOT small_sample) OVER (PARTITION BY year, metric) AS ranked,
    CASE WHEN county IS NOT NULL AND NOT small_sample
        THEN RANK() OVER (PARTITION BY year, metric, small_sample, county ORDER BY value DESC) END AS county_rank,
    CASE WHEN county IS NOT NULL
        THEN count(*) FILTER (WHERE NOT small_sample) OVER (PARTITION BY year, metric, county) END AS county_ranked
FROM sampled;
