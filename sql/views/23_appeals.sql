-- appeals: administrative reconsiderations (行政复议) and lawsuits (行政诉讼)
-- of each township-year (one row per current report), by result, with
-- correction rates. Lawsuits add the two part 四 lawsuit groups (direct, and
-- after reconsideration). See sql/README.md.
CREATE OR REPLACE VIEW appeals AS
SELECT
    report_id,
    org,
    township,
    county,
    city,
    province,
    year,
    template,
    review_upheld,
    review_corrected,
    review_other,
    review_pending,
    review_total,
    review_concluded,
    review_correction_rate,
    suit_upheld,
    suit_corrected,
    suit_other,
    suit_pending,
    suit_total,
    suit_concluded,
    suit_correction_rate,
    suit_direct_total,
    suit_after_review_total,
    appeals_total,
    appeals_concluded,
    appeals_corrected,
    correction_rate
FROM report_metrics;
