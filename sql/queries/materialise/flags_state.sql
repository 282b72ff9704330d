-- The definitions m_flags was last built whole from ('' when never).
SELECT coalesce(max(definitions), '') FROM m_flags_state;
