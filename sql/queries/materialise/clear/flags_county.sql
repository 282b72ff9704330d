-- m_flags: one county's rows go before they are filled again, $1 the county.
DELETE FROM m_flags WHERE county = $1;
