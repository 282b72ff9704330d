-- The prose of every report of the counties (?1) and unplaced bodies (?2)
-- a run touched, county by county ('' for the unplaced), year by year:
-- what the copied-prose measure compares. ?3 … ?10 are four ranges of
-- report ids (lo, hi; an unused one empty: lo > hi) that hold every such
-- report: constants the scans of both tables filter on, so that DuckDB's
-- zone maps skip the rest of the prose (a county whose replaced reports
-- sit at the end of the table spans it all: its prose read in 140 ms by one
-- range, 6 ms by two).
SELECT coalesce(r.county, '') AS grp, r.report_id, r.township, r.year, p.overview, p.problems, p.other
FROM reports AS r
JOIN report_prose AS p USING (report_id)
WHERE (r.county = ANY(?1::VARCHAR[]) OR (r.county IS NULL AND r.township = ANY(?2::VARCHAR[])))
  AND (r.report_id BETWEEN ?3 AND ?4 OR r.report_id BETWEEN ?5 AND ?6
       OR r.report_id BETWEEN ?7 AND ?8 OR r.report_id BETWEEN ?9 AND ?10)
  AND (p.report_id BETWEEN ?3 AND ?4 OR p.report_id BETWEEN ?5 AND ?6
       OR p.report_id BETWEEN ?7 AND ?8 OR p.report_id BETWEEN ?9 AND ?10)
ORDER BY grp, r.year, r.township;
