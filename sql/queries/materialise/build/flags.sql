-- m_flags: the view flags as a table, rebuilt whole, its rows stored in
-- (province, county, year) order so that DuckDB's zone maps skip the row
-- groups a filtered read does not need. Two statements: the copied-prose
-- flags (most of them: nearly every report of a generated corpus) apart
-- from the rest, since both at once outgrew the store's 512 MB memory
-- limit on a national database; each part is in that order.
CREATE OR REPLACE TABLE m_flags AS
SELECT * FROM flags
WHERE kind <> 'copied_prose'
ORDER BY province, county, year;
INSERT INTO m_flags
SELECT * FROM flags
WHERE kind = 'copied_prose'
ORDER BY province, county, year;
