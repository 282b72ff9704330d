-- m_flags is built whole: every mark the build could see goes.
DELETE FROM m_flags_stale;
