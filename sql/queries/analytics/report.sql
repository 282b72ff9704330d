-- One report, for its evidence page: $1 report_id. Its identity, where it
-- came from (file, format, SHA-256 of its bytes), what it left blank or out,
-- the parser's warnings and its failing cells as JSON.
SELECT
    r.township, coalesce(r.county, ''), coalesce(r.city, ''), coalesce(r.province, ''),
    r.report_id, r.org, r.year, coalesce(r.template, ''), coalesce(CAST(r.published AS VARCHAR), ''),
    r.format, r.source_file, r.sha256,
    CAST(to_json(r.incomplete) AS VARCHAR), CAST(to_json(r.blank) AS VARCHAR), CAST(to_json(r.warnings) AS VARCHAR),
    coalesce((
        SELECT CAST(to_json(list({
            'rule': c.rule, 'rule_text': c.rule_text, 'cell': c.cell, 'expected': c.expected, 'found': c.found
        } ORDER BY c.rule, c.cell)) AS VARCHAR)
        FROM quality_checks AS c
        -- The report again: DuckDB joins the subquery's rows whole, and
        -- with them it reads the one report alone.
        WHERE c.report_id = r.report_id AND c.report_id = $1
    ), '[]')
FROM reports AS r
WHERE r.report_id = $1;
