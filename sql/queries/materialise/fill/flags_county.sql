-- m_flags: one county's flags, $1 the county. The county's filter reaches
-- the flag views' scans (about 0.2 s of CPU for a county of the national
-- database, where the whole country costs 4 s).
INSERT INTO m_flags
SELECT flag_id, kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis
FROM flags
WHERE county = $1
ORDER BY year;
