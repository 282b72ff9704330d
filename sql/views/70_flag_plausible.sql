-- flag_plausible: every implausible figure (rule 5 of the checks table: a
-- negative count where only `change` is signed, a count that is not whole,
-- anything over 100,000,000), kept as printed, as a supervision flag: one
-- per figure, cells the figure's key. It rests on the figure as printed.
CREATE OR REPLACE VIEW flag_plausible AS
SELECT
    'plausible' AS kind,
    '' AS rule,
    q.report_id,
    q.org,
    q.township,
    q.county,
    q.city,
    q.province,
    q.year,
    q.cell AS cells,
    '报告所填 ' || CAST(q.found AS VARCHAR) || '，不是合理的数量（应为0至1亿的整数，仅“增减”可为负）' AS evidence,
    'found=' || CAST(q.found AS VARCHAR) AS basis
FROM quality_checks AS q
WHERE q.rule = 5;
