-- m_flags: every county's missing flags go before they are filled again.
DELETE FROM m_flags WHERE kind = 'missing';
