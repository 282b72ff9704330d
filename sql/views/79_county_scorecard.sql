-- county_scorecard: per county and year, for leadership, the share of the
-- bodies expected to report (reports + missing_reports, placed bodies only)
-- whose report is in, on time, consistent and original. Every share has the
-- expected bodies as its denominator: a body without a report is none of
-- these. A flag counts against a report until a supervisor dismisses it
-- (open and confirmed count; review_queue.status).
--   reported    a current report for the year
--   on_time     published (date known) and no undismissed `late` flag
--               (flag_late, deadlines per kind of body)
--   consistent  no undismissed arithmetic, carry_over, stock or jump flag
--   original    no undismissed copied_prose flag
CREATE OR REPLACE VIEW county_scorecard AS
WITH expected AS (
    SELECT province, city, county, year, report_id FROM reports WHERE county IS NOT NULL
    UNION ALL
    SELECT province, city, county, year, CAST(NULL AS BIGINT) FROM missing_reports
),
against AS (
    -- Undismissed flags that count against a report, by report and kind.
    SELECT DISTINCT report_id, kind
    FROM review_queue
    WHERE status <> 'dismissed' AND report_id IS NOT NULL
        AND kind IN ('arithmetic', 'carry_over', 'stock', 'jump', 'late', 'copied_prose')
),
judged AS (
    SELECT
        e.province, e.city, e.county, e.year, e.report_id,
        r.published,
        r.published IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM against AS a WHERE a.report_id = e.report_id AND a.kind = 'late') AS on_time,
        NOT EXISTS (
            SELECT 1 FROM against AS a
            WHERE a.report_id = e.report_id AND a.kind IN ('arithmetic', 'carry_over', 'stock', 'jump')
        ) AS consistent,
        NOT EXISTS (SELECT 1 FROM against AS a WHERE a.report_id = e.report_id AND a.kind = 'copied_prose') AS original
    FROM expected AS e
    LEFT JOIN reports AS r ON r.report_id = e.report_id
)
SELECT
    province,
    city,
    county,
    year,
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
GROUP BY province, city, county, year;
