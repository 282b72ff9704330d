-- DuckDB's memory limit while the materialised tables are rebuilt whole:
-- m_flags over a national database (275,639 reports) ran out of the
-- ingest's 384 MB (the flag views' windows and joins do not all spill).
-- 512 MB builds it (m_flags in two statements): rebuilding every table of
-- that database on open took 17.9 s and peaked at 941 MiB, Go included.
SET memory_limit = '512MB'
