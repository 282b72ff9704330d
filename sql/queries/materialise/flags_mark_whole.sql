-- Marks m_flags stale whole: it is built again after the commit.
INSERT INTO m_flags_stale VALUES (NULL, TRUE, NULL);
