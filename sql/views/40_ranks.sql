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
--
-- The windows run over narrow rows (ids, county, year, metric, value) and
-- the names are joined afterwards: sorting the names along with every
-- value took twice the CPU.
CREATE OR REPLACE VIEW ranks AS
WITH metric_values AS (
    -- UNPIVOT drops NULL values: a township is not ranked on a metric its
    -- report does not print. The columns not unpivoted ride along.
    UNPIVOT (
        SELECT
            m.report_id, m.county, m.year,
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
        v.report_id, v.county, v.year, v.metric, v.value,
        CASE WHEN v.metric = 'grant_rate' THEN v.granted_or_partial END AS numerator,
        CASE WHEN v.metric = 'grant_rate' THEN v.requests_processed END AS denominator,
        v.metric = 'grant_rate' AND v.requests_processed < t.min_rate_denominator AS small_sample
    FROM metric_values AS v
    CROSS JOIN thresholds AS t
),
ranked AS (
    SELECT
        report_id, year, metric, value, numerator, denominator, small_sample,
        CASE WHEN NOT small_sample
            THEN RANK() OVER (PARTITION BY year, metric, small_sample ORDER BY value DESC) END AS rank,
        -- count(CASE …) rather than count(*) FILTER (…): beside RANK() over a
        -- finer partition, DuckDB 1.5 evaluated the FILTER form row by row
        -- over the whole partition (50 s of CPU for a national database
        -- instead of 1 s).
        count(CASE WHEN NOT small_sample THEN 1 END) OVER (PARTITION BY year, metric) AS ranked,
        CASE WHEN county IS NOT NULL AND NOT small_sample
            THEN RANK() OVER (PARTITION BY year, metric, small_sample, county ORDER BY value DESC) END AS county_rank,
        CASE WHEN county IS NOT NULL
            THEN count(CASE WHEN NOT small_sample THEN 1 END) OVER (PARTITION BY year, metric, county) END AS county_ranked
    FROM sampled
)
SELECT
    k.report_id, r.org, r.township, r.county, r.city, r.province, k.year, k.metric, k.value,
    k.numerator, k.denominator, k.small_sample,
    -- next_year (not year - 1 in the join) lets a filter on the year reach both sides.
    k.year + 1 AS next_year,
    k.rank, k.ranked, k.county_rank, k.county_ranked
FROM ranked AS k
JOIN reports AS r USING (report_id);
