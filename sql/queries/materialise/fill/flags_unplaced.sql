-- m_flags: the flags of the bodies no region places (county NULL).
INSERT INTO m_flags
SELECT flag_id, kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis
FROM flags
WHERE county IS NULL
ORDER BY township, year;
