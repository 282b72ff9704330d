-- The copied-prose measures of the reports of the counties (?1) and
-- unplaced bodies (?2) a run touched: computed again after the run's rows.
DELETE FROM prose_similarity WHERE report_id IN (
    SELECT report_id FROM reports
    WHERE county = ANY(?1::VARCHAR[]) OR (county IS NULL AND township = ANY(?2::VARCHAR[]))
);
