-- 应报未报年度报告的乡镇
-- 从乡镇第一次报送到最新年份之间缺少年度报告的年份，缺报年数多的在前。
SELECT township AS 乡镇,
       county AS 县区,
       count(*) AS 缺报年数,
       string_agg(CAST(year AS VARCHAR), '、' ORDER BY year) AS 缺报年份,
       bool_or(never_reported) AS 从未报送
FROM missing_reports
GROUP BY township, county
ORDER BY 缺报年数 DESC, 县区, 乡镇;
