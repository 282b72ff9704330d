-- The prose of every report of the counties (?1) and unplaced bodies (?2)
-- a run touched, county by county ('' for the unplaced), year by year:
-- what the copied-prose measure compares. ?3 and ?4 bound the report ids
-- (constants the scans of both tables filter on).
SELECT coalesce(r.county, '') AS grp, r.report_id, r.township, r.year, p.overview, p.problems, p.other
FROM reports AS r
JOIN report_prose AS p USING (report_id)
WHERE (r.county = ANY(?1::VARCHAR[]) OR (r.county IS NULL AND r.township = ANY(?2::VARCHAR[])))
  AND r.report_id BETWEEN ?3 AND ?4 AND p.report_id BETWEEN ?3 AND ?4
ORDER BY grp, r.year, r.township;
