-- The zero-activity townships of one year in an area counted by the length
-- of their streak: $1 year, $2 province, $3 city, $4 county ('' for any; the
-- filters of zero_activity.sql). Shortest streak first.
SELECT streak, count(*)
FROM m_zero_activity
WHERE year = $1 AND county IS NOT NULL AND ($2 = '' OR province = $2) AND ($3 = '' OR city = $3) AND ($4 = '' OR county = $4)
GROUP BY streak
ORDER BY streak;
