-- missing_reports: township-years without a report, from the township's first
-- report year to the latest year in the database. A township listed in
-- regions that never reported is missing from the first year in the
-- database on (never_reported). last_report_year is the latest year before
-- this one with a report (NULL if none). Only placed townships are expected
-- to report: a body regions.csv does not place (a one-off publisher, a
-- county office) is listed as unplaced, never as missing.

-- The definition is the macro missing_reports_of, over townships and
-- reports or over m_townships and m_report_metrics (which hold the same
-- bodies and reports, sorted by county: the refresh of m_missing_reports
-- reads one county's rows of them instead of scanning every report).
CREATE OR REPLACE MACRO missing_reports_of(townships_rel, reports_rel) AS TABLE
WITH span AS (
    SELECT min(year) AS first_year, max(year) AS last_year FROM query_table(reports_rel)
),
expected AS (
    SELECT
        t.township,
        t.county,
        t.city,
        t.province,
        t.orgs,
        t.first_year IS NULL AS never_reported,
        y.year
    FROM query_table(townships_rel) AS t
    CROSS JOIN span AS s
    CROSS JOIN LATERAL (
        SELECT CAST(unnest(range(coalesce(t.first_year, s.first_year), s.last_year + 1)) AS INTEGER) AS year
    ) AS y
    -- e.county is never NULL below: the subqueries match it with =, which
    -- lets a filter on the county reach their scans (IS NOT DISTINCT FROM
    -- did not).
    WHERE t.county IS NOT NULL
)
SELECT
    e.township,
    e.county,
    e.city,
    e.province,
    -- The name of its latest report before this year, else the first the regions give.
    coalesce((
        SELECT arg_max(r.org, r.year) FROM query_table(reports_rel) AS r
        WHERE r.township = e.township AND r.county = e.county AND r.year < e.year
    ), e.orgs[1]) AS org,
    e.year,
    e.never_reported,
    (
        SELECT max(r.year) FROM query_table(reports_rel) AS r
        WHERE r.township = e.township AND r.county = e.county AND r.year < e.year
    ) AS last_report_year
FROM expected AS e
WHERE NOT EXISTS (
    SELECT 1 FROM query_table(reports_rel) AS r
    WHERE r.township = e.township AND r.county = e.county AND r.year = e.year
);

CREATE OR REPLACE VIEW missing_reports AS
SELECT
    township, county, city, province, org, year, never_reported, last_report_year
FROM missing_reports_of('townships', 'reports');
