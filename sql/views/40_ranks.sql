-- ranks: every township ranked per year on each headline metric, overall and
-- within its county (one row per year, metric and township), without the
-- comparison with the year before: rankings adds it. Kept as a view of its
-- own so that each of rankings' two references to it gets a filter on the
-- year pushed below its window functions. See sql/README.md.
CREATE OR REPLACE VIEW ranks AS
WITH metric_values AS (
    -- UNPIVOT drops NULL values: a township is not ranked on a metric its
    -- report does not print.
    UNPIVOT (
        SELECT
            m.report_id, m.org, m.township, m.county, m.city, m.province, m.year,
            m.proactive_items, m.decisions, m.requests_new, m.grant_rate, a.activity_index
        FROM report_metrics AS m
        JOIN activity_index AS a USING (report_id)
    )
    ON proactive_items, decisions, requests_new, grant_rate, activity_index
    INTO NAME metric VALUE value
)
SELECT
    report_id, org, township, county, city, province, year, metric, value,
    -- next_year (not year - 1 in the join) lets a filter on the year reach both sides.
    year + 1 AS next_year,
    RANK() OVER (PARTITION BY year, metric ORDER BY value DESC) AS rank,
    count(*) OVER (PARTITION BY year, metric) AS ranked,
    CASE WHEN county IS NOT NULL
        THEN RANK() OVER (PARTITION BY year, metric, county ORDER BY value DESC) END AS county_rank,
    CASE WHEN county IS NOT NULL
        THEN count(*) OVER (PARTITION BY year, metric, county) END AS county_ranked
FROM metric_values;
