-- flag_peer_outlier: a body far outside the other bodies of its county in
-- the same year on a headline count (peer_outliers), rule the metric, cells
-- the canonical keys it is taken from. It rests on the body's own value,
-- not on its peers' range: a peer's report arriving later does not reopen
-- a decision, a corrected figure does.
CREATE OR REPLACE VIEW flag_peer_outlier AS
SELECT
    'peer_outlier' AS kind,
    p.metric AS rule,
    p.report_id,
    p.org,
    p.township,
    p.county,
    p.city,
    p.province,
    p.year,
    CASE p.metric
        WHEN 'requests_new' THEN 's3.new.total'
        WHEN 'appeals_total' THEN 's4.review.total,s4.suit_after_review.total,s4.suit_direct.total'
        ELSE p.metric END AS cells,
    '本单位 ' || rtrim(rtrim(printf('%.2f', p.value), '0'), '.') || '；同县 ' || CAST(p.bodies AS VARCHAR)
        || ' 个单位中位数 ' || rtrim(rtrim(printf('%.2f', p.median), '0'), '.')
        || '，四分位 ' || rtrim(rtrim(printf('%.2f', p.q1), '0'), '.') || '～' || rtrim(rtrim(printf('%.2f', p.q3), '0'), '.')
        || '，正常范围 ' || rtrim(rtrim(printf('%.2f', greatest(p.low_fence, 0)), '0'), '.') || '～'
        || rtrim(rtrim(printf('%.2f', p.high_fence), '0'), '.') AS evidence,
    'value=' || CAST(p.value AS VARCHAR) AS basis
FROM peer_outliers AS p;
