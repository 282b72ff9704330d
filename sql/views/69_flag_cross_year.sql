-- flag_cross_year: the flags of cross_year_checks, all three kinds from one
-- reading of it: carry_over, stock and jump (flag_carry_over, flag_stock
-- and flag_jump are its rows of one kind). The view flags reads this one
-- view rather than the three, so that a page's flags compute the pairs of
-- consecutive years once instead of three times (the whole country's
-- scorecard of a year: about 1.26 s of CPU for the three, 0.67 s for one).
CREATE OR REPLACE VIEW flag_cross_year AS
SELECT
    c.kind,
    CASE c.kind WHEN 'jump' THEN c.cell ELSE '' END AS rule,
    c.report_id,
    c.org,
    c.township,
    c.county,
    c.city,
    c.province,
    c.year,
    CASE c.kind
        WHEN 'carry_over' THEN c.cell || ',' || replace(c.cell, '.carried_in.', '.carried_out.')
        WHEN 'stock' THEN c.cell || ',' || replace(c.cell, '.in_force', '.issued') || ','
            || replace(c.cell, '.in_force', '.repealed')
        ELSE CASE c.cell
            WHEN 'requests_new' THEN 's3.new.total'
            WHEN 'requests_processed' THEN 's3.processed.total'
            WHEN 'appeals_total' THEN 's4.review.total,s4.suit_after_review.total,s4.suit_direct.total'
            ELSE c.cell END
    END AS cells,
    CASE c.kind
        WHEN 'carry_over' THEN CAST(c.year - 1 AS VARCHAR) || ' 年报告结转下年度 '
            || rtrim(rtrim(printf('%.2f', c.expected), '0'), '.')
            || ' 件，本年报告上年结转 ' || rtrim(rtrim(printf('%.2f', c.found), '0'), '.') || ' 件'
        WHEN 'stock' THEN '上年现行有效件数＋本年制发－本年废止应为 ' || rtrim(rtrim(printf('%.2f', c.expected), '0'), '.')
            || ' 件，报告所填 ' || rtrim(rtrim(printf('%.2f', c.found), '0'), '.') || ' 件'
        ELSE '上年 ' || rtrim(rtrim(printf('%.2f', c.expected), '0'), '.') || '，本年 '
            || rtrim(rtrim(printf('%.2f', c.found), '0'), '.') || '，为上年的 '
            || rtrim(rtrim(printf('%.2f', c.found / c.expected), '0'), '.') || ' 倍'
    END AS evidence,
    CASE c.kind
        WHEN 'jump' THEN 'last=' || CAST(c.expected AS VARCHAR) || ';this=' || CAST(c.found AS VARCHAR)
        ELSE 'expected=' || CAST(c.expected AS VARCHAR) || ';found=' || CAST(c.found AS VARCHAR)
    END AS basis
FROM cross_year_checks AS c;
