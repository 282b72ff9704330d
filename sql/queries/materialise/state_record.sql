-- $1 the hash of the definitions the tables were just built from.
INSERT INTO m_state VALUES ($1, now());
