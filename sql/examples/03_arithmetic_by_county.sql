-- 报告算术错误最多的县区
-- 各县区历年报告中不符合模板算术关系（如“本年新收 + 上年结转 = 办理总数 + 结转下年度”）的报告数、
-- 占比和出错单元格数，以及内容不完整（缺页、缺表）的报告数。
SELECT r.county AS 县区,
       count(*) AS 报告数,
       count(*) FILTER (WHERE q.breaks_arithmetic) AS 算术不符报告数,
       round(100.0 * count(*) FILTER (WHERE q.breaks_arithmetic) / count(*), 1) AS 算术不符百分比,
       coalesce(sum(q.checks_failed), 0) AS 出错单元格数,
       count(*) FILTER (WHERE q.is_incomplete) AS 内容不完整报告数
FROM reports AS r
LEFT JOIN quality AS q USING (report_id)
WHERE r.county IS NOT NULL
GROUP BY r.county
ORDER BY 算术不符报告数 DESC, 出错单元格数 DESC, 县区;
