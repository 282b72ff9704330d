-- flag_late (FLAGS.md shape): a report published after its body's deadline
-- (deadlines), by how many days. Only reports whose source shows a
-- publication date (reports.published: a page's 发布日期 line, document
-- metadata, the date under the signature) can be late; a report without
-- one is never flagged, and a missing report stays missing_reports'.
CREATE OR REPLACE VIEW flag_late AS
WITH due AS (
    -- The body's kind by (township, county), in two branches, with a county
    -- and without: an equality lets a county's filter on the reports reach
    -- body_kinds (a county's late flags 43–79 → 15 ms of CPU on the
    -- national database), where IS NOT DISTINCT FROM made it group every
    -- body of the country.
    SELECT r.report_id, r.org, r.township, r.county, r.city, r.province, r.year, r.published,
           d.label,
           make_date(r.year + 1, d.due_month, d.due_day) AS deadline
    FROM reports AS r
    LEFT JOIN body_kinds AS k ON k.township = r.township AND k.county = r.county
    JOIN deadlines AS d ON d.kind = coalesce(k.kind, 'other')
    WHERE r.published IS NOT NULL AND r.county IS NOT NULL
    UNION ALL
    SELECT r.report_id, r.org, r.township, r.county, r.city, r.province, r.year, r.published,
           d.label,
           make_date(r.year + 1, d.due_month, d.due_day) AS deadline
    FROM reports AS r
    LEFT JOIN body_kinds AS k ON k.township = r.township AND k.county IS NULL
    JOIN deadlines AS d ON d.kind = coalesce(k.kind, 'other')
    WHERE r.published IS NOT NULL AND r.county IS NULL
)
SELECT
    'late'::VARCHAR AS kind,
    ''::VARCHAR AS rule,
    report_id::BIGINT AS report_id,
    org, township, county, city, province,
    year::INTEGER AS year,
    ''::VARCHAR AS cells,
    printf('%s发布，%s的截止日期为%s，逾期%d天', strftime(published, '%Y-%m-%d'), label,
           strftime(deadline, '%Y-%m-%d'), date_diff('day', deadline, published)) AS evidence,
    printf('published=%s;deadline=%s', strftime(published, '%Y-%m-%d'), strftime(deadline, '%Y-%m-%d')) AS basis
FROM due
WHERE published > deadline;
