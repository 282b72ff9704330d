-- m_flags: every row goes before a whole build (a DELETE, not a new
-- table: a server's readers keep reading the table they planned with).
DELETE FROM m_flags;
