-- Whether this DuckDB's configuration is locked (a server locks it, and
-- its own memory limit is above the whole build's), so that the build
-- leaves the memory limit as it is.
SELECT current_setting('lock_configuration')
