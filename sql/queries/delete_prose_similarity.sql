DELETE FROM prose_similarity WHERE report_id = ANY(?1::BIGINT[]);
