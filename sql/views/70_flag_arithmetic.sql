-- flag_arithmetic: every breach of the template's arithmetic (FORMAT.md
-- rules 1-4, table checks) as a supervision flag in the shape every flag_*
-- view shares (docs/review.md): one flag per failing cell. rule is
-- 'rule1'…'rule4'; cells the cell the rule predicts (rule 1: 's3.*.COL',
-- the column of part 三). The flag rests on what the rule predicts and what
-- the report prints (basis): a corrected report reopens a decided flag.
CREATE OR REPLACE VIEW flag_arithmetic AS
SELECT
    'arithmetic' AS kind,
    'rule' || q.rule AS rule,
    q.report_id,
    q.org,
    q.township,
    q.county,
    q.city,
    q.province,
    q.year,
    q.cell AS cells,
    CASE q.rule WHEN 1 THEN '本年新收＋上年结转为 ' ELSE '按规则应为 ' END
        || rtrim(rtrim(printf('%.2f', q.expected), '0'), '.')
        || CASE q.rule WHEN 1 THEN '，办理总计＋结转下年度为 ' ELSE '，报告所填 ' END
        || rtrim(rtrim(printf('%.2f', q.found), '0'), '.')
        || '，相差 ' || rtrim(rtrim(printf('%.2f', q.found - q.expected), '0'), '.') AS evidence,
    'expected=' || CAST(q.expected AS VARCHAR) || ';found=' || CAST(q.found AS VARCHAR) AS basis
FROM quality_checks AS q
WHERE q.rule BETWEEN 1 AND 4;
