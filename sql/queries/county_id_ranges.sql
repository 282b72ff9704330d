-- The counties (?1) a run touched, with the range of their current
-- reports' ids, in id order: the copied-prose measure reads them a chunk at
-- a time, each chunk's reports and prose bounded by its id range (reports
-- are numbered as their folders are read, so a chunk of counties in id
-- order spans a short range).
SELECT county, min(report_id) AS lo, max(report_id) AS hi
FROM reports
WHERE county = ANY(?1::VARCHAR[])
GROUP BY county
ORDER BY lo, county;
