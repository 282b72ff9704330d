-- 本年主动公开信息数降幅最大的乡镇
-- 最新年份与上一年相比，主动公开信息条数下降比例最大的 20 个乡镇（上一年没有报告的不比较）。
SELECT township AS 乡镇,
       county AS 县区,
       prev_proactive_items AS 上年条数,
       proactive_items AS 本年条数,
       proactive_items_change AS 增减,
       round(proactive_items_change_pct * 100, 1) AS 增减百分比
FROM proactive
WHERE year = (SELECT max(year) FROM reports)
  AND proactive_items_change < 0
ORDER BY proactive_items_change_pct, proactive_items_change
LIMIT 20;
