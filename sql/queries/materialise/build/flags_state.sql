-- m_flags_state: the hash of the definitions (the views, the fill
-- statements) m_flags was last built whole from; other definitions mark it
-- stale whole at open.
CREATE TABLE IF NOT EXISTS m_flags_state (definitions VARCHAR NOT NULL, built_at TIMESTAMP NOT NULL);
