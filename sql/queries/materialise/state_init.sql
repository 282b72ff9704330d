-- What the materialised tables were built from: the hash of the view
-- definitions and fill statements of the xxgk that built them. A database
-- opened by an xxgk with other definitions rebuilds them.
CREATE TABLE IF NOT EXISTS m_state (definitions VARCHAR NOT NULL, built_at TIMESTAMP NOT NULL);
