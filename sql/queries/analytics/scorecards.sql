-- The county scorecards of an area, every year: $1 province, $2 city ('' for any).
SELECT county, coalesce(city, ''), coalesce(province, ''), year, bodies, reported, reported_share,
       on_time, on_time_share, date_unknown, consistent, consistent_share, original, original_share
FROM county_scorecard
WHERE ($1 = '' OR province = $1) AND ($2 = '' OR city = $2)
ORDER BY province, city, county, year;
