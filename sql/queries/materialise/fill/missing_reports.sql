-- m_missing_reports, incrementally: every row of the counties the run touched (the unplaced townships,
-- county NULL, count as one county).
INSERT INTO m_missing_reports
SELECT * FROM missing_reports
WHERE county IN (SELECT county FROM m_changed)
    OR (county IS NULL AND EXISTS (SELECT 1 FROM m_changed WHERE county IS NULL))
ORDER BY province, county, year;
