-- The unplaced bodies are refreshed: their marks go.
DELETE FROM m_flags_stale WHERE county IS NULL AND NOT whole AND kind IS NULL;
