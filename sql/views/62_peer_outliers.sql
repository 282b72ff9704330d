-- peer_outliers: a body far outside the other bodies of its county in the
-- same year on a headline count: beyond thresholds.peer_fence_iqr interquartile ranges
-- below the first quartile or above the third (Tukey's far-out fences; the
-- range is taken as at least peer_min_iqr so that a county of small, nearly
-- equal counts flags no one). A county-year is compared only when at least
-- peer_min_bodies bodies print the metric. The quartiles include the body
-- itself, as a supervisor reading the county's list would see them.
CREATE OR REPLACE VIEW peer_outliers AS
WITH values_ AS (
    SELECT m.report_id, m.org, m.township, m.county, m.city, m.province, m.year, m.template,
           v.metric, v.value
    FROM report_metrics AS m
    CROSS JOIN LATERAL (VALUES
        ('proactive_items', m.proactive_items),
        ('requests_new', m.requests_new),
        ('appeals_total', m.appeals_total)
    ) AS v(metric, value)
    WHERE m.county IS NOT NULL AND v.value IS NOT NULL
),
peers AS (
    SELECT county, year, metric,
           count(*) AS bodies,
           quantile_cont(value, 0.25) AS q1,
           median(value) AS median,
           quantile_cont(value, 0.75) AS q3
    FROM values_
    GROUP BY county, year, metric
)
SELECT v.report_id, v.org, v.township, v.county, v.city, v.province, v.year, v.template,
       v.metric, v.value, p.bodies, p.q1, p.median, p.q3,
       p.q1 - s.peer_fence_iqr * greatest(p.q3 - p.q1, s.peer_min_iqr) AS low_fence,
       p.q3 + s.peer_fence_iqr * greatest(p.q3 - p.q1, s.peer_min_iqr) AS high_fence
FROM values_ AS v
JOIN peers AS p USING (county, year, metric)
CROSS JOIN thresholds AS s
WHERE p.bodies >= s.peer_min_bodies
    AND (v.value < p.q1 - s.peer_fence_iqr * greatest(p.q3 - p.q1, s.peer_min_iqr)
      OR v.value > p.q3 + s.peer_fence_iqr * greatest(p.q3 - p.q1, s.peer_min_iqr));
