-- A township of each of the largest counties (county, township): the
-- township pages xxgk bench's first hits open.
SELECT county, min(township)
FROM reports
WHERE county IS NOT NULL
GROUP BY county
ORDER BY count(*) DESC, county
LIMIT 5
