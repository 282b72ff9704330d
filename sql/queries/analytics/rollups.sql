-- Roll-ups of one level: $1 level, $2 year (0 for all), $3 province, $4 city,
-- $5 county ('' for any), $6 row limit.
SELECT
    level, coalesce(province, ''), coalesce(city, ''), coalesce(county, ''), year,
    townships, reports, missing, zero_activity, flagged,
    proactive_items, proactive_items_mean, documents_issued, decisions,
    requests_new, requests_received, requests_processed, granted_or_partial, grant_rate,
    appeals_total, appeals_corrected, appeals_concluded, correction_rate, activity_index_mean
FROM m_rollups
WHERE level = $1
    AND ($2 = 0 OR year = $2)
    AND ($3 = '' OR province = $3)
    AND ($4 = '' OR city = $4)
    AND ($5 = '' OR county = $5)
ORDER BY province, city, county, year
LIMIT $6;
