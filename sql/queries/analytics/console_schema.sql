-- The tables and views an analyst can query in the console, with their
-- columns in order: the views first (what the dashboards read), then the
-- tables xxgk ingest writes. DuckDB's own catalog, not a list kept by hand,
-- but for m_report_figures: the long form the view report_figures reads
-- (report_id, key, value), which analysts query through that view, and
-- whose entry took the console's page past its 300 KB bound; and but for
-- the refresh's bookkeeping of m_flags (m_flags_stale, m_flags_state:
-- what is left to refresh, not data; sql/README.md describes them), which
-- the console's page has no room for.
SELECT
    t.table_name AS name,
    t.table_type = 'VIEW' AS is_view,
    c.column_name AS column_name,
    c.data_type AS column_type
FROM information_schema.tables AS t
JOIN information_schema.columns AS c
    ON c.table_catalog = t.table_catalog
    AND c.table_schema = t.table_schema
    AND c.table_name = t.table_name
WHERE t.table_catalog = current_database()
    AND t.table_schema = 'main'
    AND t.table_name NOT IN ('m_report_figures', 'm_flags_stale', 'm_flags_state')
ORDER BY is_view DESC, name, c.ordinal_position;
