-- Schema version 2: nothing loaded is ever lost, and unchanged files are
-- known without reading them again.
--
-- A replaced report moves, with its figures and checks, into the *_versions
-- tables (same columns, plus who replaced it, when and by what); the
-- current tables keep one report per township-year as before, so the views
-- are unchanged. `xxgk history` reads these tables.

-- The size and modification time of the file a report was read from: with
-- its SHA-256, how a later run tells an unchanged file without parsing it.
ALTER TABLE reports ADD COLUMN file_size BIGINT;
ALTER TABLE reports ADD COLUMN file_mtime TIMESTAMP;

-- Who ran each run: the login of `xxgk ingest`, or the account that uploaded.
ALTER TABLE ingest_runs ADD COLUMN by_user VARCHAR;
-- Files refused as not a report, out of range or holding fewer parts.
ALTER TABLE ingest_runs ADD COLUMN refused INTEGER;

CREATE TABLE report_versions AS SELECT * FROM reports LIMIT 0;
ALTER TABLE report_versions ADD COLUMN replaced_at TIMESTAMP;
ALTER TABLE report_versions ADD COLUMN replaced_by VARCHAR;       -- who ran the replacing run
ALTER TABLE report_versions ADD COLUMN replaced_in_run BIGINT;
ALTER TABLE report_versions ADD COLUMN replaced_by_file VARCHAR;  -- the file that replaced it
ALTER TABLE report_versions ADD COLUMN forced BOOLEAN;            -- replaced with --replace over fewer parts

CREATE TABLE figure_versions AS SELECT * FROM figures LIMIT 0;
CREATE TABLE check_versions AS SELECT * FROM checks LIMIT 0;

