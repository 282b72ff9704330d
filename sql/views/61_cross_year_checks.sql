-- cross_year_checks: what a report claims about the year before, against
-- that year's own report of the same body (township, county), one row per
-- failing cell:
--   carry_over  this year's s3.carried_in.COL = last year's s3.carried_out.COL
--   stock       template 2021: in_force = last year's in_force + issued - repealed
--               (规章 and 行政规范性文件)
--   jump        a headline figure more than jump_factor times last year's,
--               or less than its inverse, where both years are large enough
--               (thresholds)
-- Only consecutive years are compared; a figure not printed in either
-- year (NULL) is never a finding.
CREATE OR REPLACE VIEW cross_year_checks AS
WITH pairs AS (
    SELECT
        r.report_id, r.org, r.township, r.county, r.city, r.province, r.year, r.template,
        p.report_id AS prev_report_id, p.template AS prev_template
    FROM reports AS r
    JOIN reports AS p
        ON p.township = r.township
        AND p.county IS NOT DISTINCT FROM r.county
        AND p.year = r.year - 1
),
cells AS (
    SELECT pr.*, c.kind, c.cell, c.expected, c.found
    FROM pairs AS pr
    JOIN figures AS f ON f.report_id = pr.report_id
    JOIN figures AS pf ON pf.report_id = pr.prev_report_id
    CROSS JOIN LATERAL (VALUES
        ('carry_over', 's3.carried_in.natural',    pf."s3.carried_out.natural",    f."s3.carried_in.natural"),
        ('carry_over', 's3.carried_in.commercial', pf."s3.carried_out.commercial", f."s3.carried_in.commercial"),
        ('carry_over', 's3.carried_in.research',   pf."s3.carried_out.research",   f."s3.carried_in.research"),
        ('carry_over', 's3.carried_in.social',     pf."s3.carried_out.social",     f."s3.carried_in.social"),
        ('carry_over', 's3.carried_in.legal',      pf."s3.carried_out.legal",      f."s3.carried_in.legal"),
        ('carry_over', 's3.carried_in.other',      pf."s3.carried_out.other",      f."s3.carried_in.other"),
        ('carry_over', 's3.carried_in.total',      pf."s3.carried_out.total",      f."s3.carried_in.total"),
        ('stock', 's2.regulations.in_force',
            CASE WHEN pr.template = '2021' AND pr.prev_template = '2021'
                THEN pf."s2.regulations.in_force" + f."s2.regulations.issued" - f."s2.regulations.repealed" END,
            f."s2.regulations.in_force"),
        ('stock', 's2.normative.in_force',
            CASE WHEN pr.template = '2021' AND pr.prev_template = '2021'
                THEN pf."s2.normative.in_force" + f."s2.normative.issued" - f."s2.normative.repealed" END,
            f."s2.normative.in_force")
    ) AS c(kind, cell, expected, found)
),
headline AS (
    SELECT pr.*, h.cell, h.expected, h.found, h.floor
    FROM pairs AS pr
    JOIN report_metrics AS m ON m.report_id = pr.report_id
    JOIN report_metrics AS pm ON pm.report_id = pr.prev_report_id
    CROSS JOIN thresholds AS s
    CROSS JOIN LATERAL (VALUES
        ('proactive_items',    pm.proactive_items,    m.proactive_items,    s.jump_min_items),
        ('requests_new',       pm.requests_new,       m.requests_new,       s.jump_min_requests),
        ('requests_processed', pm.requests_processed, m.requests_processed, s.jump_min_requests),
        ('appeals_total',      pm.appeals_total,      m.appeals_total,      s.jump_min_appeals)
    ) AS h(cell, expected, found, floor)
)
SELECT report_id, org, township, county, city, province, year, template, prev_report_id,
       kind, cell, expected, found
FROM cells
WHERE expected IS NOT NULL AND found IS NOT NULL AND expected <> found
UNION ALL
SELECT h.report_id, h.org, h.township, h.county, h.city, h.province, h.year, h.template, h.prev_report_id,
       'jump' AS kind, h.cell, h.expected, h.found
FROM headline AS h
CROSS JOIN thresholds AS s
WHERE h.expected >= h.floor AND h.found >= h.floor
    AND (h.found > s.jump_factor * h.expected OR h.found * s.jump_factor < h.expected);
