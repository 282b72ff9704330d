-- thresholds: the documented minimums and limits every page, view and query
-- reads from one place, one row. Change a value here; nothing else restates
-- it (sql/README.md says what each means).
--
-- min_rate_denominator is the smallest denominator a rate needs to be
-- shown as a percentage and ranked: below it (a township that handled 1–4
-- requests) a rate of 100% says more about chance than about the township,
-- so rankings leave it unranked and the pages say 样本不足 with the count.
-- The others set the supervision checks (cross_year_checks, peer_outliers,
-- flag_copied_prose: a report whose prose repeats more than
-- copied_prose_share of another report's, measured only where it has at
-- least copied_prose_min_shingles sampled shingles, about 100 characters).
CREATE OR REPLACE VIEW thresholds AS
SELECT
    5 AS min_rate_denominator,
    5.0 AS jump_factor,
    50.0 AS jump_min_items,
    10.0 AS jump_min_requests,
    5.0 AS jump_min_appeals,
    3.0 AS peer_fence_iqr,
    5.0 AS peer_min_iqr,
    5 AS peer_min_bodies,
    0.5 AS copied_prose_share,
    20 AS copied_prose_min_shingles;
