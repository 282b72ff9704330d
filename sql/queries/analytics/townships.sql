-- The townships of an area: $1 province, $2 city, $3 county ('' for any), $4
-- row limit.
SELECT
    township, coalesce(county, ''), coalesce(city, ''), coalesce(province, ''), placed,
    CAST(to_json(orgs) AS VARCHAR), coalesce(first_year, 0), coalesce(last_year, 0), reports
FROM m_townships
WHERE ($1 = '' OR province = $1) AND ($2 = '' OR city = $2) AND ($3 = '' OR county = $3)
ORDER BY province, city, county, township
LIMIT $4;
