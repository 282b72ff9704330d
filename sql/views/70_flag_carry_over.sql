-- flag_carry_over: this year's 上年结转 (s3.carried_in.COL) differs from
-- last year's 结转下年度 (s3.carried_out.COL) of the same body
-- (cross_year_checks), one flag per applicant column, cells both keys. It
-- rests on the two figures.
-- Its rows of flag_cross_year, which holds the definition.
CREATE OR REPLACE VIEW flag_carry_over AS
SELECT kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis
FROM flag_cross_year
WHERE kind = 'carry_over';
