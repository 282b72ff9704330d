-- rollups: totals per year for each county, city and province and for the
-- whole database (level). Placed townships only: an unplaced report has no
-- county to roll up into. Sums run over the reports that print the figure;
-- rates are ratios of sums over the reports that print both of their terms.
-- See sql/README.md.
CREATE OR REPLACE VIEW rollups AS
-- The definition is the macro rollups_of (49_rollups_of.sql), over the views.
SELECT
    level, province, city, county, year, townships, reports, missing, zero_activity, flagged,
    proactive_items, proactive_items_mean, documents_issued, decisions, requests_new, requests_received,
    requests_processed, granted_or_partial, grant_rate, appeals_total, appeals_corrected, appeals_concluded,
    correction_rate, activity_index_mean
FROM rollups_of('report_metrics', 'activity_index', 'zero_activity', 'missing_reports');
