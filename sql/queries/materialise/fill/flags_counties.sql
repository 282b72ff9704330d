-- m_flags: the flags of a range of counties, one part of a whole build:
-- after $1 ('' for no lower bound) up to and including $2 ('' for no upper
-- bound); the part with neither bound is every county's flags
-- (flags_unplaced takes the rest). A part of about 100,000 reports bounds
-- the build's memory (the whole country in one statement peaked at 1 GB,
-- DuckDB's limit at 384 MB). By counties, not provinces: the flag views
-- compare a county's bodies among themselves and are partitioned by
-- county, so that a filter on it reaches their scans, where one on the
-- province does not (a million reports' build: a part of four provinces
-- 30-60 s and 780-820 MB resident, one of 100,000 reports by counties
-- 2.3-2.9 s and 580-680 MB).
INSERT INTO m_flags
SELECT flag_id, kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis
FROM flags
WHERE county IS NOT NULL AND ($1 = '' OR county > $1) AND ($2 = '' OR county <= $2)
ORDER BY province, county, year;
