-- The reports of one year in an area (placed townships only: an unplaced
-- one is in no area and has its own list, unplaced.sql): $1 year, $2 province, $3 city, $4
-- county ('' for any), $5 the column to rank by ('' for county and township
-- order; 'requests_processed' or 'appeals_total', of report_metrics: then
-- largest first, and a report where it is 0 or not printed is left out), $6
-- row limit. The columns are those of township_history.sql (one scanner
-- reads both). The page's reports are chosen first from
-- m_report_metrics alone (the area's rows of one year: the zone maps skip
-- the rest), then only those are joined to the other tables.
WITH page AS (
    SELECT
        q.report_id, q.county, q.township,
        CASE WHEN $5 = 'requests_processed' THEN q.requests_processed
             WHEN $5 = 'appeals_total' THEN q.appeals_total END AS rank_by,
        -- The length of the complete list, whatever the limit.
        count(*) OVER () AS total
    FROM m_report_metrics AS q
    WHERE q.year = $1 AND q.county IS NOT NULL
        AND ($2 = '' OR q.province = $2) AND ($3 = '' OR q.city = $3) AND ($4 = '' OR q.county = $4)
        AND ($5 = '' OR CASE WHEN $5 = 'requests_processed' THEN q.requests_processed
                             WHEN $5 = 'appeals_total' THEN q.appeals_total END > 0)
    ORDER BY rank_by DESC NULLS LAST, q.county, q.township
    LIMIT $6
)
SELECT
    r.township, coalesce(r.county, ''), coalesce(r.city, ''), coalesce(r.province, ''),
    r.report_id, r.org, r.year, coalesce(r.template, ''), coalesce(strftime(r.published, '%Y-%m-%d'), ''),
    r.source_file,
    p.proactive_items, p.prev_proactive_items, p.proactive_items_change, p.proactive_items_change_pct,
    p.documents_issued, p.decisions, p.s2_active,
    q.requests_new, q.requests_carried_in, q.requests_received, q.requests_processed,
    q.granted, q.partial, q.denied, q.unavailable, q.rejected, q.other, q.carried_out, q.grant_rate,
    q.from_natural, q.from_commercial, q.from_research, q.from_social, q.from_legal, q.from_other,
    q.natural_share,
    q.review_upheld, q.review_corrected, q.review_other, q.review_pending, q.review_total,
    q.review_concluded, q.review_correction_rate,
    q.suit_upheld, q.suit_corrected, q.suit_other, q.suit_pending, q.suit_total,
    q.suit_concluded, q.suit_correction_rate,
    q.appeals_total, q.correction_rate,
    ai.activity_index,
    z.report_id IS NOT NULL,
    CAST(to_json(r.incomplete) AS VARCHAR),
    CAST(to_json(r.warnings) AS VARCHAR),
    coalesce((
        SELECT CAST(to_json(list({
            'rule': c.rule, 'rule_text': c.rule_text, 'cell': c.cell, 'expected': c.expected, 'found': c.found
        } ORDER BY c.rule, c.cell)) AS VARCHAR)
        FROM quality_checks AS c
        -- The area's filters again: DuckDB joins the subquery's rows
        -- whole, and with them it reads the area's reports alone.
        WHERE c.report_id = r.report_id AND c.year = $1 AND ($2 = '' OR c.province = $2)
            AND ($3 = '' OR c.city = $3) AND ($4 = '' OR c.county = $4)
    ), '[]'),
    pg.total
FROM page AS pg
JOIN reports AS r ON r.report_id = pg.report_id
JOIN m_proactive AS p ON p.report_id = pg.report_id
JOIN m_report_metrics AS q ON q.report_id = pg.report_id
JOIN m_activity_index AS ai ON ai.report_id = pg.report_id
LEFT JOIN m_zero_activity AS z ON z.report_id = pg.report_id AND z.year = $1
WHERE r.year = $1 AND p.year = $1 AND q.year = $1 AND ai.year = $1
    -- The area on every table joined: the zone maps skip the other
    -- counties' row groups instead of the join reading the whole year.
    AND ($2 = '' OR (r.province = $2 AND p.province = $2 AND q.province = $2 AND ai.province = $2))
    AND ($3 = '' OR (r.city = $3 AND p.city = $3 AND q.city = $3 AND ai.city = $3))
    AND ($4 = '' OR (r.county = $4 AND p.county = $4 AND q.county = $4 AND ai.county = $4))
ORDER BY pg.rank_by DESC NULLS LAST, pg.county, pg.township;
