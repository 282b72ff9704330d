-- DuckDB's memory limit while the materialised tables are rebuilt whole:
-- m_flags over a national database (275,639 reports) ran out of the
-- ingest's 384 MB (the flag views' windows and joins do not all spill).
-- Parsing is over by then, so the run's peak stays under 1 GB.
SET memory_limit = '640MB'
