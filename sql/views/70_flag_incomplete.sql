-- flag_incomplete: a report whose part 二, 三 or 四 is missing in whole or
-- in part (a page cut off, cells that could not be placed), one flag per
-- part: rule is the part ('s2', 's3', 's4'), cells ''. It rests on how many
-- figures of the part the report prints: a fuller file reopens a decided
-- flag, the same file ingested again does not.
CREATE OR REPLACE VIEW flag_incomplete AS
WITH parts AS (
    SELECT r.report_id, r.org, r.township, r.county, r.city, r.province, r.year,
           unnest(r.incomplete) AS part
    FROM reports AS r
    WHERE len(r.incomplete) > 0
),
printed AS (
    -- The figures each report prints, per part: joined to the parts below
    -- (not narrowed by an IN over them here), so that a county's or a
    -- year's filter on the parts reaches the scan of figures as a range of
    -- report ids: one county's flags read its own rows, 15 ms of CPU where
    -- the IN read every report's (316 ms on the national database).
    SELECT f.report_id,
           list_aggregate(list_value(*COLUMNS('^s2\.')), 'count') AS s2,
           list_aggregate(list_value(*COLUMNS('^s3\.')), 'count') AS s3,
           list_aggregate(list_value(*COLUMNS('^s4\.')), 'count') AS s4
    FROM figures AS f
)
SELECT
    'incomplete' AS kind,
    p.part AS rule,
    p.report_id,
    p.org,
    p.township,
    p.county,
    p.city,
    p.province,
    p.year,
    '' AS cells,
    CASE p.part WHEN 's2' THEN '第二部分（主动公开）' WHEN 's3' THEN '第三部分（依申请公开）'
        WHEN 's4' THEN '第四部分（复议诉讼）' ELSE p.part END
        || '缺失或不完整：只读到 ' || CAST(n.printed AS VARCHAR) || ' 个数' AS evidence,
    'printed=' || CAST(n.printed AS VARCHAR) AS basis
FROM parts AS p
JOIN printed AS c USING (report_id)
CROSS JOIN LATERAL (
    SELECT coalesce(CASE p.part WHEN 's2' THEN c.s2 WHEN 's3' THEN c.s3 WHEN 's4' THEN c.s4 END, 0) AS printed
) AS n;
