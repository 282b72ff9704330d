-- The county $1 is refreshed: its marks go (those a later run committed
-- since the refresh began are not visible to it, and stay).
DELETE FROM m_flags_stale WHERE county = $1 AND NOT whole AND kind IS NULL;
