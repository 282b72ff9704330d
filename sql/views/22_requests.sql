-- requests: the requests for information of each township-year (one row per
-- current report): received, processed, each outcome group, outcome rates and
-- who applied. Figures are the 总计 (total) column of part 三; a sum over rows
-- is NULL when any of its rows is not printed. See sql/README.md.
CREATE OR REPLACE VIEW requests AS
SELECT
    report_id,
    org,
    township,
    county,
    city,
    province,
    year,
    template,
    requests_new,
    requests_carried_in,
    requests_received,
    requests_processed,
    granted,
    partial,
    denied,
    unavailable,
    rejected,
    other,
    carried_out,
    grant_rate,
    granted_rate,
    partial_rate,
    denied_rate,
    unavailable_rate,
    rejected_rate,
    other_rate,
    from_natural,
    from_commercial,
    from_research,
    from_social,
    from_legal,
    from_other,
    from_organisations,
    natural_share
FROM report_metrics;
