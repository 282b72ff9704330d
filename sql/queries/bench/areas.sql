-- The areas xxgk bench's first hits reach beyond the counties: the largest
-- province, its largest city, and the year before the latest (the pages'
-- default year is the latest).
WITH p AS (
    SELECT province FROM reports WHERE province IS NOT NULL
    GROUP BY province ORDER BY count(*) DESC, province LIMIT 1
),
c AS (
    SELECT r.city FROM reports AS r JOIN p USING (province) WHERE r.city IS NOT NULL
    GROUP BY r.city ORDER BY count(*) DESC, r.city LIMIT 1
)
SELECT (SELECT province FROM p), (SELECT city FROM c), CAST(max(year) - 1 AS VARCHAR)
FROM reports
