-- proactive: proactive disclosure per township-year (one row per current
-- report): the yearly count of items from part 一 with its change from the
-- year before, and a summary of the part 二 (Article 20) table. See
-- sql/README.md for every column. The definition is the macro proactive_of.

-- proactive_of: the view's definition over the relation named by its
-- argument: report_metrics, or its materialised table m_report_metrics. A
-- macro, so that the view and the refresh of m_proactive
-- (queries/materialise/fill/proactive.sql) share one definition: a batch
-- reads one county's rows of the sorted table instead of computing the
-- county's metrics twice and scanning the figures of every report.
CREATE OR REPLACE MACRO proactive_of(metrics_rel) AS TABLE
SELECT
    m.report_id,
    m.org,
    m.township,
    m.county,
    m.city,
    m.province,
    m.year,
    m.template,
    m.proactive_items,
    p.proactive_items AS prev_proactive_items,
    m.proactive_items - p.proactive_items AS proactive_items_change,
    CASE WHEN p.proactive_items <> 0
        THEN (m.proactive_items - p.proactive_items) / p.proactive_items
    END AS proactive_items_change_pct,
    m.documents_issued,
    m.decisions,
    m.s2_active
FROM query_table(metrics_rel) AS m
-- The same township's report of the year before. A join on next_year rather
-- than year - 1 lets a filter on the year reach both sides.
LEFT JOIN (
    SELECT pr.township, pr.county, pr.year + 1 AS next_year, pr.proactive_items
    FROM query_table(metrics_rel) AS pr
) AS p
    ON p.township = m.township
    AND p.county IS NOT DISTINCT FROM m.county
    AND p.next_year = m.year;

CREATE OR REPLACE VIEW proactive AS
SELECT
    report_id, org, township, county, city, province, year, template, proactive_items,
    prev_proactive_items, proactive_items_change, proactive_items_change_pct,
    documents_issued, decisions, s2_active
FROM proactive_of('report_metrics');
