-- Schema version 4: the prose of each report, the figures it states, how
-- much of it repeats other reports, and the kind of each body.
--
-- The prose is kept out of the hot tables (reports, figures): one row per
-- report, read only by the copied-prose computation at ingest, the report
-- page and the text_vs_table view. DuckDB compresses these columns on disk
-- (FSST/dictionary), so the few kilobytes of a report's prose cost about a
-- third of that. Replaced reports keep theirs in the *_versions tables, as
-- their figures.

-- Parts 一, 五 and 六 as printed, without the template's own boilerplate
-- sentences (ingest/prose.IsBoilerplate); '' for a part not printed.
CREATE TABLE report_prose (
    report_id BIGINT NOT NULL,
    overview  VARCHAR NOT NULL,   -- 一、总体情况
    problems  VARCHAR NOT NULL,   -- 五、存在的主要问题及改进情况
    other     VARCHAR NOT NULL    -- 六、其他需要报告的事项
);

-- Counts the prose states in words (共收到政府信息公开申请12件), by the
-- key of the table figure they restate (ingest.Stated): text_vs_table
-- compares them with the tables.
CREATE TABLE stated_figures (
    report_id BIGINT NOT NULL,
    key       VARCHAR NOT NULL,   -- a canonical key, or s4.suits.total (both lawsuit groups)
    value     DOUBLE NOT NULL,
    quote     VARCHAR NOT NULL    -- the sentence, normalized
);

-- copied_prose's measure, computed at ingest for the reports of every
-- county a run touches (ingest/store/copied.go): the share of a report's
-- prose shingles found in the same body's previous report, and the
-- largest share found in one other report of its county and year.
CREATE TABLE prose_similarity (
    report_id      BIGINT NOT NULL,
    shingles       INTEGER NOT NULL,  -- sampled shingles of its prose: the measure's sample size
    prev_report_id BIGINT,            -- the body's latest earlier report, NULL if none
    prev_share     DOUBLE,
    peer_report_id BIGINT,            -- the most similar report of another body, same county and year
    peer_share     DOUBLE
);

CREATE TABLE report_prose_versions AS SELECT * FROM report_prose LIMIT 0;
CREATE TABLE stated_figure_versions AS SELECT * FROM stated_figures LIMIT 0;

-- The kind of body a roster row lists: township (乡镇、街道), county_government
-- (县级人民政府) or department (县直部门); NULL when regions.csv does not say.
ALTER TABLE regions ADD COLUMN kind VARCHAR;
