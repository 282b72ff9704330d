-- The counties of placed townships, with how many townships each holds.
SELECT county, coalesce(city, ''), coalesce(province, ''), count(*)
FROM m_townships
WHERE county IS NOT NULL
GROUP BY county, city, province
ORDER BY province, city, county;
