-- Part 三 summed over the reports of one year in an area: $1 year, $2
-- province, $3 city, $4 county ('' for any; the filters of reports.sql:
-- unplaced townships are in no area and count nowhere). Sums skip the
-- reports that do not print a figure and are NULL when none does.
SELECT
    count(*),
    sum(requests_new), sum(requests_carried_in), sum(requests_processed),
    sum(granted), sum(partial), sum(denied), sum(unavailable), sum(rejected), sum(other), sum(carried_out),
    sum(from_natural), sum(from_commercial), sum(from_research), sum(from_social), sum(from_legal), sum(from_other)
FROM m_report_metrics
WHERE year = $1 AND county IS NOT NULL AND ($2 = '' OR province = $2) AND ($3 = '' OR city = $3) AND ($4 = '' OR county = $4);
