-- DuckDB's memory limit of an ingest again after a whole rebuild; the
-- same as the store's connection string sets (ingestSettings).
SET memory_limit = '256MB'
