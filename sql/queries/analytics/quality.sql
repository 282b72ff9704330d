-- Reports that break the arithmetic or are incomplete, with their failing
-- cells as JSON: $1 year (0 for all), $2 county ('' for all), $3 row limit,
-- $4 province, $5 city ('' for any).
SELECT
    q.township, coalesce(q.county, ''), coalesce(q.city, ''), coalesce(q.province, ''), q.org, q.report_id,
    q.year, coalesce(q.template, ''), q.source_file,
    CAST(to_json(q.incomplete) AS VARCHAR),
    coalesce((
        SELECT CAST(to_json(list({
            'rule': c.rule, 'rule_text': c.rule_text, 'cell': c.cell, 'expected': c.expected, 'found': c.found
        } ORDER BY c.rule, c.cell)) AS VARCHAR)
        FROM quality_checks AS c
        -- The area's filters again: DuckDB joins the subquery's rows
        -- whole, and with them it reads the area's reports alone.
        WHERE c.report_id = q.report_id AND ($1 = 0 OR c.year = $1) AND ($2 = '' OR c.county = $2)
            AND ($4 = '' OR c.province = $4) AND ($5 = '' OR c.city = $5)
    ), '[]'),
    -- The length of the complete list, whatever the limit.
    count(*) OVER () AS total
FROM quality AS q
WHERE ($1 = 0 OR q.year = $1) AND q.county IS NOT NULL AND ($2 = '' OR q.county = $2)
    AND ($4 = '' OR q.province = $4) AND ($5 = '' OR q.city = $5)
ORDER BY q.year DESC, q.county, q.township
LIMIT $3;
