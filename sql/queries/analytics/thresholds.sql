-- The documented minimums (view thresholds), one row.
SELECT min_rate_denominator FROM thresholds;
