-- 本年各指标的报告数与合计 (the long view grouped by key): what an analyst
-- starting from report_figures runs first; xxgk bench times it through the
-- SQL console.
SELECT key, count(*) AS reports, sum(value) AS total
FROM report_figures
GROUP BY key
ORDER BY key
