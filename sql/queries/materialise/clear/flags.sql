-- m_flags, incrementally: every row of one county the run touched, bound
-- as $1 (NULL for the unplaced bodies). A county's flags compare its own
-- reports only: across years per body (carry_over, stock, jump, streaks,
-- missing), within the county and year (peer_outlier, copied_prose's
-- peers), or within one report.
DELETE FROM m_flags
WHERE (county = $1 OR (county IS NULL AND $1 IS NULL));
