-- 各县区行政复议、行政诉讼的纠错率
-- 历年合计：纠错率 = 结果被纠正的案件 ÷ 已审结的案件（复议和诉讼合计）。
SELECT county AS 县区,
       sum(review_total) AS 行政复议,
       sum(suit_total) AS 行政诉讼,
       sum(appeals_concluded) AS 已审结,
       sum(appeals_corrected) AS 结果纠正,
       round(100.0 * sum(appeals_corrected) / nullif(sum(appeals_concluded), 0), 1) AS 纠错率百分比
FROM appeals
WHERE county IS NOT NULL
GROUP BY county
ORDER BY 纠错率百分比 DESC NULLS LAST, 县区;
