-- thresholds: the documented minimums every page and query reads from one
-- place. min_rate_denominator is the smallest denominator a rate needs to be
-- shown as a percentage and ranked: below it (a township that handled 1–4
-- requests) a rate of 100% says more about chance than about the township,
-- so rankings leave it unranked and the pages say 样本不足 with the count.
-- Change it here; nothing else restates it.
CREATE OR REPLACE VIEW thresholds AS
SELECT
    5 AS min_rate_denominator;
