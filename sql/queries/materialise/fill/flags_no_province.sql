-- m_flags: the flags whose body has no province (the unplaced bodies, and
-- any placed without one), the last part of a whole build.
INSERT INTO m_flags
SELECT flag_id, kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis
FROM flags
WHERE province IS NULL
ORDER BY county, township, year;
