-- A heavy analyst query that xxgk bench keeps running while it loads the
-- pages: every figure of every report, grouped by county and key.
SELECT county, key, count(*) AS reports, sum(value) AS total, avg(value) AS mean
FROM report_figures
GROUP BY county, key
ORDER BY county, key
