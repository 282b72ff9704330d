-- flag_carry_over: this year's 上年结转 (s3.carried_in.COL) differs from
-- last year's 结转下年度 (s3.carried_out.COL) of the same body
-- (cross_year_checks), one flag per applicant column, cells both keys. It
-- rests on the two figures.
CREATE OR REPLACE VIEW flag_carry_over AS
SELECT
    'carry_over' AS kind,
    '' AS rule,
    c.report_id,
    c.org,
    c.township,
    c.county,
    c.city,
    c.province,
    c.year,
    c.cell || ',' || replace(c.cell, '.carried_in.', '.carried_out.') AS cells,
    CAST(c.year - 1 AS VARCHAR) || ' 年报告结转下年度 ' || rtrim(rtrim(printf('%.2f', c.expected), '0'), '.')
        || ' 件，本年报告上年结转 ' || rtrim(rtrim(printf('%.2f', c.found), '0'), '.') || ' 件' AS evidence,
    'expected=' || CAST(c.expected AS VARCHAR) || ';found=' || CAST(c.found AS VARCHAR) AS basis
FROM cross_year_checks AS c
WHERE c.kind = 'carry_over';
