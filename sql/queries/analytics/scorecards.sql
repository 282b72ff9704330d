-- The county scorecards of an area: $1 province, $2 city ('' for any), $3
-- year (0 for every year), $4 the relation the flags are read from:
-- m_flags (the view flags' rows, refreshed after each run's commit), or
-- the view flags while m_flags is stale for the area
-- (analytics/flagsource.go), $5 county ('' for any), $6 the counties
-- left out (VARCHAR[]; empty for none): a whole area's flags are read from
-- m_flags without the counties a run has marked, and from the view for
-- each of those ($5), one county's scorecards being its own rows alone.
-- The view county_scorecard, restated over the flags and m_missing_reports
-- with the area's filter on every table it reads, so that DuckDB reads the
-- area's rows alone. The view and this query must agree; the analytics
-- tests check both.
WITH latest AS (
    SELECT flag_id,
           arg_max(status, decision_id) AS status,
           arg_max(basis, decision_id) AS basis
    FROM review_decisions
    GROUP BY flag_id
),
against AS (
    -- Undismissed flags that count against a report, by report: a flag is
    -- dismissed while its latest decision says so on its current basis.
    SELECT
        f.report_id,
        bool_or(f.kind = 'late') AS late,
        bool_or(f.kind IN ('arithmetic', 'carry_over', 'stock', 'jump')) AS inconsistent,
        bool_or(f.kind = 'copied_prose') AS copied
    FROM query_table($4::VARCHAR) AS f
    LEFT JOIN latest AS d ON d.flag_id = f.flag_id
    WHERE f.report_id IS NOT NULL
        AND f.kind IN ('arithmetic', 'carry_over', 'stock', 'jump', 'late', 'copied_prose')
        AND NOT coalesce(d.basis = f.basis AND d.status = 'dismissed', FALSE)
        AND ($1 = '' OR f.province = $1) AND ($2 = '' OR f.city = $2) AND ($3 = 0 OR f.year = $3)
        AND ($5 = '' OR f.county = $5) AND NOT coalesce(list_contains($6::VARCHAR[], f.county), FALSE)
    GROUP BY f.report_id
),
expected AS (
    SELECT province, city, county, year, report_id, published
    FROM reports
    WHERE county IS NOT NULL AND ($1 = '' OR province = $1) AND ($2 = '' OR city = $2) AND ($3 = 0 OR year = $3)
        AND ($5 = '' OR county = $5) AND NOT coalesce(list_contains($6::VARCHAR[], county), FALSE)
    UNION ALL
    SELECT province, city, county, year, CAST(NULL AS BIGINT), CAST(NULL AS DATE)
    FROM m_missing_reports
    WHERE ($1 = '' OR province = $1) AND ($2 = '' OR city = $2) AND ($3 = 0 OR year = $3)
        AND ($5 = '' OR county = $5) AND NOT coalesce(list_contains($6::VARCHAR[], county), FALSE)
),
judged AS (
    SELECT
        e.province, e.city, e.county, e.year, e.report_id, e.published,
        e.published IS NOT NULL AND NOT coalesce(a.late, FALSE) AS on_time,
        NOT coalesce(a.inconsistent, FALSE) AS consistent,
        NOT coalesce(a.copied, FALSE) AS original
    FROM expected AS e
    LEFT JOIN against AS a ON a.report_id = e.report_id
)
SELECT
    county, coalesce(city, ''), coalesce(province, ''), year,
    count(*) AS bodies,
    count(report_id) AS reported,
    count(report_id) / count(*) AS reported_share,
    count(*) FILTER (WHERE report_id IS NOT NULL AND on_time) AS on_time,
    count(*) FILTER (WHERE report_id IS NOT NULL AND on_time) / count(*) AS on_time_share,
    count(*) FILTER (WHERE report_id IS NOT NULL AND published IS NULL) AS date_unknown,
    count(*) FILTER (WHERE report_id IS NOT NULL AND consistent) AS consistent,
    count(*) FILTER (WHERE report_id IS NOT NULL AND consistent) / count(*) AS consistent_share,
    count(*) FILTER (WHERE report_id IS NOT NULL AND original) AS original,
    count(*) FILTER (WHERE report_id IS NOT NULL AND original) / count(*) AS original_share
FROM judged
GROUP BY province, city, county, year
ORDER BY province, city, county, year;
