-- flag_missing: a township-year of missing_reports (no report between the
-- township's first report and the latest year) as a supervision flag:
-- report_id NULL, rule and cells ''. It rests on the absence alone: a
-- decision (a township merged away, a report known to be on paper) holds
-- until the report arrives, and then the flag is gone.
CREATE OR REPLACE VIEW flag_missing AS
SELECT
    'missing' AS kind,
    '' AS rule,
    CAST(NULL AS BIGINT) AS report_id,
    m.org,
    m.township,
    m.county,
    m.city,
    m.province,
    m.year,
    '' AS cells,
    '未报送本年度报告' || CASE
        WHEN m.never_reported THEN '（从未报送）'
        WHEN m.last_report_year IS NOT NULL THEN '（上次报送为 ' || CAST(m.last_report_year AS VARCHAR) || ' 年）'
        ELSE '' END AS evidence,
    'missing' AS basis
FROM missing_reports AS m;
