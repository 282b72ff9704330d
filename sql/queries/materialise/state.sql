SELECT coalesce(max(definitions), '') FROM m_state;
