-- 本年各县区新收申请的申请人构成
-- 最新年份各县区新收政府信息公开申请按申请人类别（自然人、法人或其他组织）分列。
SELECT county AS 县区,
       sum(from_natural) AS 自然人,
       sum(from_commercial) AS 商业企业,
       sum(from_research) AS 科研机构,
       sum(from_social) AS 社会公益组织,
       sum(from_legal) AS 法律服务机构,
       sum(from_other) AS 其他,
       sum(requests_new) AS 新收申请合计
FROM requests
WHERE year = (SELECT max(year) FROM reports)
  AND county IS NOT NULL
GROUP BY county
ORDER BY 新收申请合计 DESC;
