-- How many rows one complete ranking holds: $1 year, $2 metric, $3 county,
-- $4 province, $5 city ('' for any; the filters of rankings.sql).
SELECT count(*)
FROM ranks
WHERE year = $1 AND metric = $2
    AND ($3 = '' OR county = $3) AND ($4 = '' OR province = $4) AND ($5 = '' OR city = $5);
