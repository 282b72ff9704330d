-- 连续三年及以上零活动的乡镇
-- 零活动：全年没有收到（也没有结转）政府信息公开申请，第二部分各项也全为 0，主动公开信息数为 0 或未填报。
-- 每段连续零活动列一行，“持续至今”表示一直持续到最新年份，是督查的重点。
WITH runs AS (
    SELECT township, county, streak_start,
           max(year) AS streak_end,
           max(streak) AS years
    FROM zero_activity
    GROUP BY township, county, streak_start
)
SELECT township AS 乡镇,
       county AS 县区,
       streak_start AS 起始年份,
       streak_end AS 截止年份,
       years AS 连续年数,
       streak_end = (SELECT max(year) FROM reports) AS 持续至今
FROM runs
WHERE years >= 3
ORDER BY 连续年数 DESC, 县区, 乡镇;
