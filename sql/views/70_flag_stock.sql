-- flag_stock: template 2021, both years: 现行有效件数 (s2.ROW.in_force)
-- differs from last year's in_force + this year's issued - repealed
-- (cross_year_checks), for 规章 and 行政规范性文件; cells the row's three
-- keys. It rests on the expected and the printed stock.
-- Its rows of flag_cross_year, which holds the definition.
CREATE OR REPLACE VIEW flag_stock AS
SELECT kind, rule, report_id, org, township, county, city, province, year, cells, evidence, basis
FROM flag_cross_year
WHERE kind = 'stock';
