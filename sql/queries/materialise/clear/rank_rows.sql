-- m_rank_rows, incrementally: the rows of one (county, year) the run
-- touched, bound as $1 county (NULL: the unplaced) and $2 year.
DELETE FROM m_rank_rows
WHERE (county = $1 OR (county IS NULL AND $1 IS NULL)) AND year = $2;
