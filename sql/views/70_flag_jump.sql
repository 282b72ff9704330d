-- flag_jump: a headline figure more than thresholds.jump_factor times last
-- year's or less than its inverse (cross_year_checks), rule the metric
-- (a report_metrics column), cells the canonical keys it is taken from. It
-- rests on both years' values.
CREATE OR REPLACE VIEW flag_jump AS
SELECT
    'jump' AS kind,
    c.cell AS rule,
    c.report_id,
    c.org,
    c.township,
    c.county,
    c.city,
    c.province,
    c.year,
    CASE c.cell
        WHEN 'requests_new' THEN 's3.new.total'
        WHEN 'requests_processed' THEN 's3.processed.total'
        WHEN 'appeals_total' THEN 's4.review.total,s4.suit_after_review.total,s4.suit_direct.total'
        ELSE c.cell END AS cells,
    '上年 ' || rtrim(rtrim(printf('%.2f', c.expected), '0'), '.') || '，本年 '
        || rtrim(rtrim(printf('%.2f', c.found), '0'), '.') || '，为上年的 '
        || rtrim(rtrim(printf('%.2f', c.found / c.expected), '0'), '.') || ' 倍' AS evidence,
    'last=' || CAST(c.expected AS VARCHAR) || ';this=' || CAST(c.found AS VARCHAR) AS basis
FROM cross_year_checks AS c
WHERE c.kind = 'jump';
