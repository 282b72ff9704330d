-- Before flags_state_record: one row, the latest build's.
DELETE FROM m_flags_state;
