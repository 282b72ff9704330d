-- DuckDB's memory limit while the materialised tables are rebuilt whole,
-- above the ingest's 256 MB: a whole build's windows and joins do not all
-- spill. Every table of the national database (275,639 reports) rebuilt on
-- open under this limit in 6.4 s, peaking at 537 MiB, Go included; a
-- national first load, which ends with this build, at 843 MiB.
SET memory_limit = '384MB'
