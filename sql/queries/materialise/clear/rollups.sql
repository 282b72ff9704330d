-- m_rollups, incrementally: every row from the earliest year the run touched on (a
-- township's first report year decides the years it is missing from, and
-- a year's activity index moves with any report of that year).
DELETE FROM m_rollups
WHERE year >= (SELECT min(year) FROM m_changed);
