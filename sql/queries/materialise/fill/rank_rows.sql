-- m_rank_rows, incrementally: the rows of one (county, year) the run
-- touched, bound as $1 county (NULL: the unplaced, who have no county
-- rank) and $2 year: about 80 rows for a county of 20 townships.
INSERT INTO m_rank_rows
SELECT
    report_id, org, township, county, city, province, year, metric, value,
    numerator, denominator, small_sample, next_year, county_rank, county_ranked
FROM rank_rows_of('m_report_metrics', FALSE, $1, $2)
ORDER BY year, metric;
