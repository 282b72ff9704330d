-- The townships (bodies) no row of regions.csv places: in no county, never
-- counted as missing, listed here with how often they reported. $1 row limit.
-- total is the length of the complete list, whatever the limit.
SELECT
    township, CAST(to_json(orgs) AS VARCHAR), coalesce(first_year, 0), coalesce(last_year, 0), reports,
    count(*) OVER () AS total
FROM m_townships
WHERE county IS NULL
ORDER BY last_year DESC, township
LIMIT $1;
