-- Townships whose name or any org name contains $1, exact and prefix
-- matches first; $2 row limit.
SELECT
    township, coalesce(county, ''), coalesce(city, ''), coalesce(province, ''), placed,
    CAST(to_json(orgs) AS VARCHAR), coalesce(first_year, 0), coalesce(last_year, 0), reports
FROM m_townships
WHERE contains(township, $1) OR contains(array_to_string(orgs, chr(10)), $1)
ORDER BY township = $1 DESC, starts_with(township, $1) DESC, length(township), township, county
LIMIT $2;
