-- How many rows the lists of an area hold, per year: $1 province, $2 city,
-- $3 county ('' for any). The filters are those of reports.sql,
-- zero_activity.sql, missing.sql and quality.sql. Townships not placed in
-- regions.csv are in no area: they count nowhere here, as in rollups, and
-- are listed on their own (unplaced.sql).
-- One row per year with a report or a missing report in the area.
WITH r AS (
    SELECT year, count(*) AS n
    FROM reports
    WHERE county IS NOT NULL AND ($1 = '' OR province = $1) AND ($2 = '' OR city = $2) AND ($3 = '' OR county = $3)
    GROUP BY year
),
z AS (
    SELECT year, count(*) AS n
    FROM m_zero_activity
    WHERE county IS NOT NULL AND ($1 = '' OR province = $1) AND ($2 = '' OR city = $2) AND ($3 = '' OR county = $3)
    GROUP BY year
),
m AS (
    SELECT year, count(*) AS n
    FROM m_missing_reports
    WHERE county IS NOT NULL AND ($1 = '' OR province = $1) AND ($2 = '' OR city = $2) AND ($3 = '' OR county = $3)
    GROUP BY year
),
q AS (
    SELECT
        year,
        count(*) AS n,
        count(*) FILTER (WHERE breaks_arithmetic) AS arithmetic,
        count(*) FILTER (WHERE is_incomplete) AS incomplete
    FROM quality
    WHERE county IS NOT NULL AND ($1 = '' OR province = $1) AND ($2 = '' OR city = $2) AND ($3 = '' OR county = $3)
    GROUP BY year
),
years AS (
    SELECT year FROM r
    UNION
    SELECT year FROM m
)
SELECT
    y.year,
    coalesce(r.n, 0),
    coalesce(z.n, 0),
    coalesce(m.n, 0),
    coalesce(q.n, 0),
    coalesce(q.arithmetic, 0),
    coalesce(q.incomplete, 0)
FROM years AS y
LEFT JOIN r USING (year)
LEFT JOIN z USING (year)
LEFT JOIN m USING (year)
LEFT JOIN q USING (year)
ORDER BY y.year;
