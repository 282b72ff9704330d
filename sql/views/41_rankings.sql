-- rankings: every township ranked per year on each headline metric, overall
-- (all townships in the database) and within its county, with the rank it
-- held the year before. Rank 1 is the largest value. Ties share a rank and
-- leave a gap after them (RANK: 1, 1, 3). A township whose report does not
-- print the metric (NULL) is not ranked on it that year. Unplaced townships
-- (county NULL) are ranked overall only. A rate whose denominator is below
-- thresholds.min_rate_denominator has a row without ranks (small_sample).
-- See sql/README.md.
CREATE OR REPLACE VIEW rankings AS
SELECT
    c.year,
    c.metric,
    c.report_id,
    c.org,
    c.township,
    c.county,
    c.city,
    c.province,
    c.value,
    c.numerator,
    c.denominator,
    c.small_sample,
    c.rank,
    c.ranked,
    p.rank AS prev_rank,
    p.rank - c.rank AS rank_change,
    c.county_rank,
    c.county_ranked,
    p.county_rank AS prev_county_rank,
    p.county_rank - c.county_rank AS county_rank_change
FROM ranks AS c
LEFT JOIN ranks AS p
    ON p.metric = c.metric
    AND p.township = c.township
    AND p.county IS NOT DISTINCT FROM c.county
    AND p.next_year = c.year;
