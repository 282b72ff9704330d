-- 全部乡镇历年主要指标
-- 每年的报告数、缺报数、零活动乡镇数、主动公开信息数、新收申请数、公开率和复议诉讼数（适合画折线图）。
SELECT year AS 年份,
       reports AS 报告数,
       missing AS 缺报数,
       zero_activity AS 零活动乡镇数,
       proactive_items AS 主动公开信息数,
       requests_new AS 新收申请数,
       round(grant_rate * 100, 1) AS 公开率百分比,
       appeals_total AS 复议诉讼数
FROM rollups
WHERE level = 'all'
ORDER BY year;
