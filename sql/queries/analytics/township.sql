-- One township: $1 township, $2 county ('' when unplaced).
SELECT
    township, coalesce(county, ''), coalesce(city, ''), coalesce(province, ''), placed,
    CAST(to_json(orgs) AS VARCHAR), coalesce(first_year, 0), coalesce(last_year, 0), reports
FROM m_townships
WHERE township = $1 AND coalesce(county, '') = $2;
