-- The reports one report's prose repeats beyond the threshold
-- (flag_copied_prose), for its evidence page: $1 report_id. The rule
-- (previous, peer), the other report, the share, and both reports' prose
-- (parts 一, 五, 六) for the passages side by side.
SELECT
    f.rule,
    o.report_id, o.org, o.year,
    CASE f.rule WHEN 'previous' THEN s.prev_share ELSE s.peer_share END,
    concat_ws(chr(10), tp.overview, tp.problems, tp.other),
    concat_ws(chr(10), op.overview, op.problems, op.other)
FROM flag_copied_prose AS f
JOIN prose_similarity AS s ON s.report_id = f.report_id
JOIN reports AS o ON o.report_id = CASE f.rule WHEN 'previous' THEN s.prev_report_id ELSE s.peer_report_id END
JOIN report_prose AS tp ON tp.report_id = f.report_id
JOIN report_prose AS op ON op.report_id = o.report_id
WHERE f.report_id = $1
ORDER BY f.rule DESC;
