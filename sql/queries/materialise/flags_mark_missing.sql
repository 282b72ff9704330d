-- Marks every county's missing flags stale: the span of report years
-- moved, so every township's missing years did.
INSERT INTO m_flags_stale VALUES (NULL, FALSE, 'missing');
