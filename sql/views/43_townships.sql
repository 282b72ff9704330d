-- townships: every township known to the database, one row each: those
-- listed in regions (whether or not they ever reported) and those that
-- reported (placed or not). A township is identified by (township, county);
-- county is NULL for an unplaced one. orgs lists every name its reports and
-- regions give it.
CREATE OR REPLACE VIEW townships AS
WITH names AS (
    SELECT township, county, city, province, org, TRUE AS placed, NULL::INTEGER AS year
    FROM regions
    UNION ALL
    SELECT township, county, city, province, org, placed, year
    FROM reports
)
SELECT
    township,
    county,
    any_value(city) AS city,
    any_value(province) AS province,
    bool_or(placed) AS placed,
    list_sort(list_distinct(list(org))) AS orgs,
    min(year) AS first_year,
    max(year) AS last_year,
    count(year) AS reports
FROM names
GROUP BY township, county;
