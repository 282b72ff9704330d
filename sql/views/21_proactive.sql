-- proactive: proactive disclosure per township-year (one row per current
-- report): the yearly count of items from part 一 with its change from the
-- year before, and a summary of the part 二 (Article 20) table. See
-- sql/README.md for every column.
CREATE OR REPLACE VIEW proactive AS
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
FROM report_metrics AS m
-- The same township's report of the year before. A join on next_year rather
-- than year - 1 lets a filter on the year reach both sides.
LEFT JOIN (
    SELECT pr.township, pr.county, pr.year + 1 AS next_year, pf."proactive_items" AS proactive_items
    FROM reports AS pr
    JOIN figures AS pf USING (report_id)
) AS p
    ON p.township = m.township
    AND p.county IS NOT DISTINCT FROM m.county
    AND p.next_year = m.year;
