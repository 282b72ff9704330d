-- flag_copied_prose (FLAGS.md shape): a report whose prose repeats more
-- than thresholds.copied_prose_share of another report's (内容雷同).
-- The measure (prose_similarity, computed at ingest by ingest/store,
-- ingest/prose): the share of the report's 8-character shingles of parts
-- 一, 五 and 六, boilerplate sentences dropped and digits folded, that also
-- occur in the other report, estimated from one shingle in four. rule
-- 'previous': against the same body's latest earlier report; 'peer':
-- against the most similar report of another body of the same county and
-- year. Reports with less prose than thresholds.copied_prose_min_shingles
-- are not measured.
CREATE OR REPLACE VIEW flag_copied_prose AS
WITH measured AS (
    SELECT r.report_id, r.org, r.township, r.county, r.city, r.province, r.year,
           s.prev_share, p.year AS prev_year,
           s.peer_share, q.township AS peer_township, q.year AS peer_year
    FROM prose_similarity AS s
    JOIN reports AS r USING (report_id)
    LEFT JOIN reports AS p ON p.report_id = s.prev_report_id
    LEFT JOIN reports AS q ON q.report_id = s.peer_report_id
    CROSS JOIN thresholds AS t
    WHERE s.shingles >= t.copied_prose_min_shingles
)
SELECT 'copied_prose'::VARCHAR AS kind, 'previous'::VARCHAR AS rule, report_id::BIGINT AS report_id,
       org, township, county, city, province, year::INTEGER AS year, ''::VARCHAR AS cells,
       printf('正文%d%%与本单位%d年报告相同（超过%d%%即标记）', round(prev_share * 100)::INTEGER, prev_year,
              round(t.copied_prose_share * 100)::INTEGER) AS evidence,
       printf('share=%d;with=%d', round(prev_share * 100)::INTEGER, prev_year) AS basis
FROM measured CROSS JOIN thresholds AS t
WHERE prev_share > t.copied_prose_share
UNION ALL
SELECT 'copied_prose', 'peer', report_id, org, township, county, city, province, year, '',
       printf('正文%d%%与同县%s %d年报告相同（超过%d%%即标记）', round(peer_share * 100)::INTEGER, peer_township, peer_year,
              round(t.copied_prose_share * 100)::INTEGER),
       printf('share=%d;with=%s', round(peer_share * 100)::INTEGER, peer_township)
FROM measured CROSS JOIN thresholds AS t
WHERE peer_share > t.copied_prose_share;
