-- Every county's missing flags are refreshed: their marks go.
DELETE FROM m_flags_stale WHERE kind = 'missing' AND NOT whole;
