-- m_flags: every county's missing flags (the span of years moved); the
-- kind's filter leaves the other flag views out (about 0.5 s of CPU for the
-- national database, where all its flags cost 13 s in parts).
INSERT INTO m_flags
SELECT flag_id, kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis
FROM flags
WHERE kind = 'missing'
ORDER BY province, county, year;
