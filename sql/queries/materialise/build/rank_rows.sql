-- m_rank_rows: the rows of the view ranks for the metrics whose values a
-- report holds by itself, with their ranks within the county (the macro
-- rank_rows_of, every row); the rank in the whole database is not stored
-- (a batch moves it for every township of the year) but read from
-- m_rank_counts by the view m_ranks.
CREATE OR REPLACE TABLE m_rank_rows AS
SELECT
    report_id, org, township, county, city, province, year, metric, value,
    numerator, denominator, small_sample, next_year, county_rank, county_ranked
FROM rank_rows_of('m_report_metrics', TRUE, NULL, NULL)
ORDER BY year, metric;
