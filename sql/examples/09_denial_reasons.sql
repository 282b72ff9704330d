-- 历年“不予公开”和“不予处理”的理由
-- 从每份报告的原始数字（report_figures，键名见 FORMAT.md）汇总第三部分各项理由的件数。
SELECT key AS 键名,
       CASE split_part(key, '.', 2) WHEN 'denied' THEN '不予公开' ELSE '不予处理' END AS 处理结果,
       sum(value) AS 件数,
       count(*) FILTER (WHERE value > 0) AS 报告数
FROM report_figures
WHERE (key LIKE 's3.denied.%.total' OR key LIKE 's3.rejected.%.total')
GROUP BY key
HAVING sum(value) > 0
ORDER BY 件数 DESC;
