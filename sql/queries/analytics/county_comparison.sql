-- Counties side by side, every year: $1 province, $2 city ('' for any), $3
-- row limit. The roll-up of each county (placed townships only), the
-- medians of its townships' headline figures, and its rank among the
-- counties of the selection by the median composite activity index (a
-- county with no index is not ranked), with the rank of the year before
-- and the change (previous minus this: positive moved up), computed here
-- once.
WITH med AS (
    SELECT
        m.province, m.city, m.county, m.year,
        median(m.proactive_items) AS proactive_items_median,
        median(m.requests_new) AS requests_new_median,
        median(a.activity_index) AS activity_index_median
    FROM m_report_metrics AS m
    JOIN m_activity_index AS a USING (report_id)
    -- The selection's rows only, before grouping.
    WHERE m.county IS NOT NULL AND ($1 = '' OR m.province = $1) AND ($2 = '' OR m.city = $2)
        -- The same on m_activity_index, a view: it computes the rows its
        -- filter leaves (else every report's index).
        AND a.county IS NOT NULL AND ($1 = '' OR a.province = $1) AND ($2 = '' OR a.city = $2)
    GROUP BY m.province, m.city, m.county, m.year
),
c AS (
    SELECT
        r.province, r.city, r.county, r.year,
        r.townships, r.reports, r.missing, r.zero_activity, r.flagged,
        r.proactive_items, m.proactive_items_median, r.requests_new, m.requests_new_median,
        r.requests_processed, r.granted_or_partial, r.grant_rate, r.appeals_total, m.activity_index_median
    FROM m_rollups AS r
    LEFT JOIN med AS m
        ON m.county = r.county AND m.city IS NOT DISTINCT FROM r.city
        AND m.province IS NOT DISTINCT FROM r.province AND m.year = r.year
    WHERE r.level = 'county' AND ($1 = '' OR r.province = $1) AND ($2 = '' OR r.city = $2)
),
ranked AS (
    SELECT
        *,
        CASE WHEN activity_index_median IS NOT NULL THEN RANK() OVER (
            PARTITION BY year, activity_index_median IS NULL ORDER BY activity_index_median DESC) END AS rank,
        count(activity_index_median) OVER (PARTITION BY year) AS ranked
    FROM c
),
prev AS (
    SELECT
        *,
        CASE WHEN lag(year) OVER w = year - 1 THEN lag(rank) OVER w END AS prev_rank
    FROM ranked
    WINDOW w AS (PARTITION BY province, city, county ORDER BY year)
)
SELECT
    coalesce(province, ''), coalesce(city, ''), county, year,
    townships, reports, missing, zero_activity, flagged,
    proactive_items, proactive_items_median, requests_new, requests_new_median,
    requests_processed, granted_or_partial, grant_rate, appeals_total, activity_index_median,
    rank, ranked, prev_rank, prev_rank - rank AS rank_change
FROM prev
ORDER BY province, city, county, year
LIMIT $3;
