-- The unplaced bodies (?1: reports with no county) a run touched, with the
-- ranges of their current reports' ids, in id order, split where two of a
-- body's ids are more than ?2 apart: county_id_ranges for the bodies no
-- county holds, so that the copied-prose measure of a few of them reads
-- their prose, not the whole table's.
WITH gaps AS (
    SELECT township, report_id,
           report_id - lag(report_id) OVER (PARTITION BY township ORDER BY report_id) AS gap
    FROM reports
    WHERE county IS NULL AND township = ANY(?1::VARCHAR[])
), islands AS (
    SELECT township, report_id,
           count(*) FILTER (WHERE gap IS NULL OR gap > ?2)
               OVER (PARTITION BY township ORDER BY report_id) AS island
    FROM gaps
)
SELECT township, min(report_id) AS lo, max(report_id) AS hi
FROM islands
GROUP BY township, island
ORDER BY lo, township;
