-- quality_checks: every breach of the template's arithmetic (FORMAT.md rules
-- 1-4) and every implausible figure (rule 5, `plausible`) in a current report, one row per failing cell, as printed: expected
-- is what the rule predicts for the cell, found what the report prints.
CREATE OR REPLACE VIEW quality_checks AS
SELECT
    r.report_id,
    r.org,
    r.township,
    r.county,
    r.city,
    r.province,
    r.year,
    r.template,
    r.source_file,
    c.rule,
    CASE c.rule
        WHEN 1 THEN 'new + carried_in = processed + carried_out'
        WHEN 2 THEN 'processed = sum of outcomes; other = its sub-rows'
        WHEN 3 THEN 'total = sum of the applicant columns'
        WHEN 4 THEN 'total = upheld + corrected + other + pending'
        WHEN 5 THEN 'plausible: a count is a whole number from 0 to 100,000,000 (only change is signed)'
    END AS rule_text,
    c.cell,
    c.expected,
    c.found,
    c.found - c.expected AS difference
FROM checks AS c
JOIN reports AS r USING (report_id);
