-- flag_text_vs_table (FLAGS.md shape): the prose and the tables of one
-- report disagree.
--   rule = the key stated: a count the prose states in plain words
--     (stated_figures, read by the parser: ingest/stated.go) differs from
--     the table's figure: s3.new.total (收到政府信息公开申请N件, 未收到申请
--     = 0), s4.review.total (行政复议N件), s4.suits.total (行政诉讼N件,
--     against both lawsuit groups' totals), s2.normative.issued (制发规范性
--     文件N件; template 2019: made), s2.fees.amount (行政事业性收费N万元).
--     The parser takes a count only where one plain wording states it
--     once: changes on last year, running totals, approximations and
--     combined counts are never read, so a disagreement is a real one.
--   rule = 'fees_unexplained': template 2021, the table shows requests
--     closed because the applicant did not pay a fee notice
--     (s3.other.no_fee.total > 0), so the body charges 信息处理费, yet part
--     六 (which the 2021 format makes report 信息处理费) says nothing of a
--     fee (no 费). Only where the report printed part 五 or 六, so that a
--     page cut off before them is not taken for silence. The table's
--     行政事业性收费 (s2.fees.amount) is the body's administrative fees,
--     not 信息处理费, and needs no explanation in part 六.
CREATE OR REPLACE VIEW flag_text_vs_table AS
WITH compared AS (
    SELECT r.report_id, r.org, r.township, r.county, r.city, r.province, r.year,
           s.key, s.value AS stated, s.quote,
           CASE s.key
               WHEN 's3.new.total' THEN f."s3.new.total"
               WHEN 's4.review.total' THEN f."s4.review.total"
               WHEN 's4.suits.total' THEN f."s4.suit_direct.total" + f."s4.suit_after_review.total"
               WHEN 's2.normative.issued' THEN coalesce(f."s2.normative.issued", f."s2.normative.made")
               WHEN 's2.fees.amount' THEN f."s2.fees.amount"
           END AS tabled,
           CASE s.key
               WHEN 's4.suits.total' THEN 's4.suit_after_review.total,s4.suit_direct.total'
               WHEN 's2.normative.issued' THEN CASE WHEN r.template = '2019' THEN 's2.normative.made' ELSE 's2.normative.issued' END
               ELSE s.key
           END AS cells,
           CASE s.key
               WHEN 's3.new.total' THEN '本年新收政府信息公开申请'
               WHEN 's4.review.total' THEN '行政复议'
               WHEN 's4.suits.total' THEN '行政诉讼'
               WHEN 's2.normative.issued' THEN '本年制发规范性文件'
               WHEN 's2.fees.amount' THEN '行政事业性收费（万元）'
           END AS label
    FROM stated_figures AS s
    JOIN reports AS r USING (report_id)
    JOIN figures AS f USING (report_id)
)
SELECT 'text_vs_table'::VARCHAR AS kind, key AS rule, report_id::BIGINT AS report_id,
       org, township, county, city, province, year::INTEGER AS year, cells,
       printf('%s：正文为%s，表格为%s（正文：“%s”）', label, stated_text, tabled_text, left(quote, 60)) AS evidence,
       printf('text=%s;table=%s', stated_text, tabled_text) AS basis
FROM (
    -- 5, not 5.0: counts print as integers, amounts as printed.
    SELECT report_id, org, township, county, city, province, year, key, cells, label, quote, stated, tabled,
           regexp_replace(stated::VARCHAR, '\.0$', '') AS stated_text,
              regexp_replace(tabled::VARCHAR, '\.0$', '') AS tabled_text
    FROM compared
)
WHERE tabled IS NOT NULL AND abs(stated - tabled) > 0.001
UNION ALL
SELECT 'text_vs_table', 'fees_unexplained', r.report_id, r.org, r.township, r.county, r.city, r.province, r.year,
       's3.other.no_fee.total',
       printf('表三有%d件申请因逾期未缴纳信息处理费而终止，第六部分未说明收费情况', f."s3.other.no_fee.total"::BIGINT),
       printf('no_fee=%d', f."s3.other.no_fee.total"::BIGINT)
FROM reports AS r
JOIN figures AS f USING (report_id)
JOIN report_prose AS p USING (report_id)
WHERE r.template = '2021' AND f."s3.other.no_fee.total" > 0
    AND (p.problems <> '' OR p.other <> '') AND p.other NOT LIKE '%费%';
