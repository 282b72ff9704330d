-- 本年公开率最高的 10 个乡镇
-- 最新年份按公开率（(予以公开 + 部分公开) ÷ 办理总数）排名的前 10 个乡镇；
-- 没有办理申请的乡镇不参加排名，公开率相同的名次并列，并列时办理量大的在前。
SELECT rk.rank AS 名次,
       rk.township AS 乡镇,
       rk.county AS 县区,
       round(rk.value * 100, 1) AS 公开率百分比,
       rq.requests_processed AS 办理申请数,
       rq.granted + rq.partial AS 予以公开和部分公开
FROM rankings AS rk
JOIN requests AS rq USING (report_id)
WHERE rk.metric = 'grant_rate'
  AND rk.year = (SELECT max(year) FROM reports)
ORDER BY rk.rank, rq.requests_processed DESC, rk.county, rk.township
LIMIT 10;
