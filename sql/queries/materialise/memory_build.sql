-- DuckDB's memory limit while the materialised tables are rebuilt whole,
-- above the ingest's 384 MB: a whole build's windows and joins do not all
-- spill (m_flags, since withdrawn, ran out of 384 MB on a national
-- database). Every table of that database rebuilt on open under this limit
-- peaked at 941 MiB, Go included.
SET memory_limit = '512MB'
