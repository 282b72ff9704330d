-- zero_activity: township-years with no activity at all: every activity
-- figure the report has is 0. No request received or carried in (part 三
-- 一 + 二 = 0), nothing in the part 二 (Article 20) table (s2_active is
-- FALSE), and no item published proactively (proactive_items 0 or not
-- printed: a township that published anything is not zero-activity). A
-- figure of part 二 or 三 that is not printed (NULL) never counts as zero:
-- only a report that prints its zeros is listed. streak counts the
-- consecutive zero-activity years ending with this one (a year without a
-- report ends a streak).

-- The definition is the macro zero_activity_of, over report_metrics or its
-- materialised table (the refresh of m_zero_activity reads one county's
-- rows of m_report_metrics instead of computing its metrics again).
CREATE OR REPLACE MACRO zero_activity_of(metrics_rel) AS TABLE
WITH flagged AS (
    SELECT
        p.report_id,
        p.org,
        p.township,
        p.county,
        p.city,
        p.province,
        p.year,
        p.template,
        p.proactive_items,
        p.requests_received
    FROM query_table(metrics_rel) AS p
    WHERE p.requests_received = 0 AND p.s2_active = FALSE AND coalesce(p.proactive_items, 0) = 0
),
islands AS (
    SELECT
        report_id, org, township, county, city, province, year, template, proactive_items, requests_received,
        -- Consecutive years share year - row_number (gaps and islands).
        year - ROW_NUMBER() OVER (PARTITION BY township, county ORDER BY year) AS island
    FROM flagged
)
SELECT
    report_id,
    org,
    township,
    county,
    city,
    province,
    year,
    template,
    proactive_items,
    requests_received,
    ROW_NUMBER() OVER (PARTITION BY township, county, island ORDER BY year) AS streak,
    min(year) OVER (PARTITION BY township, county, island) AS streak_start
FROM islands;

CREATE OR REPLACE VIEW zero_activity AS
SELECT
    report_id, org, township, county, city, province, year, template, proactive_items,
    requests_received, streak, streak_start
FROM zero_activity_of('report_metrics');
