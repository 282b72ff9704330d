-- missing_reports: township-years without a report, from the township's first
-- report year to the latest year in the database. A township listed in
-- regions that never reported is missing from the first year in the
-- database on (never_reported). last_report_year is the latest year before
-- this one with a report (NULL if none). Only placed townships are expected
-- to report: a body regions.csv does not place (a one-off publisher, a
-- county office) is listed as unplaced, never as missing.
CREATE OR REPLACE VIEW missing_reports AS
WITH span AS (
    SELECT min(year) AS first_year, max(year) AS last_year FROM reports
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
    FROM townships AS t
    CROSS JOIN span AS s
    CROSS JOIN LATERAL (
        SELECT CAST(unnest(range(coalesce(t.first_year, s.first_year), s.last_year + 1)) AS INTEGER) AS year
    ) AS y
    WHERE t.county IS NOT NULL
)
SELECT
    e.township,
    e.county,
    e.city,
    e.province,
    -- The name of its latest report before this year, else the first the regions give.
    coalesce((
        SELECT arg_max(r.org, r.year) FROM reports AS r
        WHERE r.township = e.township AND r.county IS NOT DISTINCT FROM e.county AND r.year < e.year
    ), e.orgs[1]) AS org,
    e.year,
    e.never_reported,
    (
        SELECT max(r.year) FROM reports AS r
        WHERE r.township = e.township AND r.county IS NOT DISTINCT FROM e.county AND r.year < e.year
    ) AS last_report_year
FROM expected AS e
WHERE NOT EXISTS (
    SELECT 1 FROM reports AS r
    WHERE r.township = e.township AND r.county IS NOT DISTINCT FROM e.county AND r.year = e.year
);
