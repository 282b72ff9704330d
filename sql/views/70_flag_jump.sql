-- flag_jump: a headline figure more than thresholds.jump_factor times last
-- year's or less than its inverse (cross_year_checks), rule the metric
-- (a report_metrics column), cells the canonical keys it is taken from. It
-- rests on both years' values.
-- Its rows of flag_cross_year, which holds the definition.
CREATE OR REPLACE VIEW flag_jump AS
SELECT kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis
FROM flag_cross_year
WHERE kind = 'jump';
