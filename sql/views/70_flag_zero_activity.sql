-- flag_zero_activity: a township-year of zero_activity (nothing received,
-- nothing in the part 二 table, nothing published proactively) as a
-- supervision flag, rule and cells ''. It rests on the figures that make
-- it zero; the streak is evidence only, so that a report arriving for an
-- earlier year does not reopen a decision.
CREATE OR REPLACE VIEW flag_zero_activity AS
SELECT
    'zero_activity' AS kind,
    '' AS rule,
    z.report_id,
    z.org,
    z.township,
    z.county,
    z.city,
    z.province,
    z.year,
    '' AS cells,
    '本年无任何公开活动：收到申请 0 件，第二部分各项均为 0，主动公开信息'
        || CASE WHEN z.proactive_items IS NULL THEN '数未填' ELSE ' 0 条' END
        || CASE WHEN z.streak > 1
            THEN '；已连续 ' || CAST(z.streak AS VARCHAR) || ' 年（自 ' || CAST(z.streak_start AS VARCHAR) || ' 年起）'
            ELSE '' END AS evidence,
    'requests_received=' || CAST(z.requests_received AS VARCHAR)
        || ';proactive_items=' || coalesce(CAST(z.proactive_items AS VARCHAR), 'NULL') AS basis
FROM zero_activity AS z;
