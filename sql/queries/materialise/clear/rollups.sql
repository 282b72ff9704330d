-- m_rollups, incrementally: every row from the earliest year the run
-- touched on, bound as $1 (a township's first report year decides the years
-- it is missing from, and a year's activity index moves with any report of
-- that year).
DELETE FROM m_rollups
WHERE year >= $1;
