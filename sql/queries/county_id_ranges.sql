-- The counties (?1) a run touched, with the ranges of their current
-- reports' ids, in id order: the copied-prose measure reads them a chunk of
-- counties at a time, each chunk's reports and prose bounded by its ranges.
-- Reports are numbered as their folders are read, so a county first loaded
-- in one run holds one range; a report replaced later takes a new id at
-- the end of the table, so the county then holds two or more. A county's
-- ids are split into ranges where two of them are more than ?2 apart.
WITH gaps AS (
    SELECT county, report_id,
           report_id - lag(report_id) OVER (PARTITION BY county ORDER BY report_id) AS gap
    FROM reports
    WHERE county = ANY(?1::VARCHAR[])
), islands AS (
    SELECT county, report_id,
           count(*) FILTER (WHERE gap IS NULL OR gap > ?2)
               OVER (PARTITION BY county ORDER BY report_id) AS island
    FROM gaps
)
SELECT county, min(report_id) AS lo, max(report_id) AS hi
FROM islands
GROUP BY county, island
ORDER BY lo, county;
