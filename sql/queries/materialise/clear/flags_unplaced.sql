-- m_flags: the unplaced bodies' rows go before they are filled again.
DELETE FROM m_flags WHERE county IS NULL;
