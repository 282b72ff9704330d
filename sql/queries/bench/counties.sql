-- The counties xxgk bench's clients spread over, largest first.
SELECT county FROM reports WHERE county IS NOT NULL GROUP BY county ORDER BY count(*) DESC, county
