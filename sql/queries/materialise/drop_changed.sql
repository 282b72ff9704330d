DROP TABLE IF EXISTS temp.m_changed;
