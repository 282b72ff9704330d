DELETE FROM m_state;
