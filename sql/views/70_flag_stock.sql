-- flag_stock: template 2021, both years: 现行有效件数 (s2.ROW.in_force)
-- differs from last year's in_force + this year's issued - repealed
-- (cross_year_checks), for 规章 and 行政规范性文件; cells the row's three
-- keys. It rests on the expected and the printed stock.
CREATE OR REPLACE VIEW flag_stock AS
SELECT
    'stock' AS kind,
    '' AS rule,
    c.report_id,
    c.org,
    c.township,
    c.county,
    c.city,
    c.province,
    c.year,
    c.cell || ',' || replace(c.cell, '.in_force', '.issued') || ','
        || replace(c.cell, '.in_force', '.repealed') AS cells,
    '上年现行有效件数＋本年制发－本年废止应为 ' || rtrim(rtrim(printf('%.2f', c.expected), '0'), '.')
        || ' 件，报告所填 ' || rtrim(rtrim(printf('%.2f', c.found), '0'), '.') || ' 件' AS evidence,
    'expected=' || CAST(c.expected AS VARCHAR) || ';found=' || CAST(c.found AS VARCHAR) AS basis
FROM cross_year_checks AS c
WHERE c.kind = 'stock';
