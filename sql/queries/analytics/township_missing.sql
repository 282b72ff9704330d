-- The years one township has no report: $1 township, $2 county ('' when unplaced).
SELECT year
FROM m_missing_reports
WHERE township = $1 AND coalesce(county, '') = $2
ORDER BY year;
