-- One ranking, with the length of the complete list in every row: $1 year, $2 metric, $3 county ('' ranks overall), $4 row limit,
-- $5 province and $6 city ('' for any) filter the rows.
-- The view rankings, restated over m_ranks (the view ranks, materialised
-- at each ingest) so that DuckDB reads only the two years it needs, once.
-- The view and this query must agree; the analytics tests check both
-- against the answer key.
WITH r AS MATERIALIZED (
    SELECT township, county, city, province, org, report_id, year, metric, value,
        numerator, denominator, small_sample, rank, ranked, county_rank, county_ranked
    FROM m_ranks
    -- A township's report of the year before is in its own county: a
    -- county's ranking reads that county's rows only.
    WHERE year IN ($1, $1 - 1) AND metric = $2 AND ($3 = '' OR county = $3)
)
SELECT
    c.township, coalesce(c.county, ''), coalesce(c.city, ''), coalesce(c.province, ''), c.org, c.report_id,
    c.year, c.metric, c.value, c.numerator, c.denominator, c.small_sample,
    c.rank, c.ranked, p.rank, p.rank - c.rank,
    c.county_rank, c.county_ranked, p.county_rank, p.county_rank - c.county_rank,
    -- The length of the complete list, whatever the limit.
    count(*) OVER () AS total
FROM r AS c
LEFT JOIN r AS p
    ON p.year = c.year - 1
    AND p.township = c.township
    AND p.county IS NOT DISTINCT FROM c.county
WHERE c.year = $1 AND ($3 = '' OR c.county = $3) AND ($5 = '' OR c.province = $5) AND ($6 = '' OR c.city = $6)
-- Ranked rows by rank; rows of a rate on too small a sample (no rank) last,
-- by their value.
ORDER BY CASE WHEN $3 = '' THEN c.rank ELSE c.county_rank END NULLS LAST, c.value DESC, c.township, c.county
LIMIT $4;
