-- Every report of one township, by year: $1 township, $2 county ('' when unplaced).
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
        -- The township again: DuckDB joins the subquery's rows whole, and
        -- with them it reads the township's reports alone.
        WHERE c.report_id = r.report_id AND c.township = $1 AND coalesce(c.county, '') = $2
    ), '[]')
FROM reports AS r
JOIN m_proactive AS p USING (report_id)
JOIN m_report_metrics AS q USING (report_id)
JOIN m_activity_index AS ai USING (report_id)
LEFT JOIN m_zero_activity AS z USING (report_id)
WHERE r.township = $1 AND coalesce(r.county, '') = $2
    -- The township on m_activity_index too: a view, it computes the
    -- percentiles of the rows its filter leaves (else of every report).
    AND ai.township = $1 AND coalesce(ai.county, '') = $2
ORDER BY r.year;
