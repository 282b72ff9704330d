-- Township-years without a report: $1 year (0 for all), $2 county ('' for all),
-- $3 row limit, $4 province, $5 city ('' for any).
SELECT
    township, coalesce(county, ''), coalesce(city, ''), coalesce(province, ''), org, year,
    never_reported, last_report_year,
    -- The length of the complete list, whatever the limit.
    count(*) OVER () AS total
FROM m_missing_reports
WHERE ($1 = 0 OR year = $1) AND ($2 = '' OR county = $2) AND ($4 = '' OR province = $4) AND ($5 = '' OR city = $5)
ORDER BY year DESC, county, township
LIMIT $3;
