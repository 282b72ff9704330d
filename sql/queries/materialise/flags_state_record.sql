-- m_flags was just built whole from the definitions $1 (flags_state_clear
-- first).
INSERT INTO m_flags_state VALUES ($1, now());
