-- Zero-activity townships in one year: $1 year, $2 county ('' for all), $3 row
-- limit, $4 province, $5 city ('' for any).
SELECT
    township, coalesce(county, ''), coalesce(city, ''), coalesce(province, ''), org, report_id, year,
    proactive_items, streak, streak_start,
    -- The length of the complete list, whatever the limit.
    count(*) OVER () AS total
FROM m_zero_activity
WHERE year = $1 AND county IS NOT NULL AND ($2 = '' OR county = $2) AND ($4 = '' OR province = $4) AND ($5 = '' OR city = $5)
ORDER BY streak DESC, county, township
LIMIT $3;
