-- m_flags: the flags of a range of provinces, one part of a whole build:
-- after $1 ('' for no lower bound) up to and including $2 ('' for no upper
-- bound); the part with neither bound is every province's flags
-- (flags_no_province takes the rest). A part of about
-- 100,000 reports bounds the build's memory (the whole country in one
-- statement peaked at 1 GB, DuckDB's limit at 384 MB).
INSERT INTO m_flags
SELECT flag_id, kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis
FROM flags
WHERE province IS NOT NULL AND ($1 = '' OR province > $1) AND ($2 = '' OR province <= $2)
ORDER BY province, county, year;
