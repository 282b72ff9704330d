-- m_report_figures: the long form of the figures (the macro
-- report_figures_of, every report), which the view report_figures joins
-- to reports. No ORDER BY: figures is stored in report_id order (a
-- replacement deletes the old row and appends one with a new, larger id)
-- and DuckDB keeps the insertion order, so the rows come in report_id
-- order without a sort of 54 million rows.
CREATE OR REPLACE TABLE m_report_figures AS
SELECT report_id, key, value
FROM report_figures_of(TRUE, NULL, NULL);
