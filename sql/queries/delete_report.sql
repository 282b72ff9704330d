DELETE FROM reports WHERE list_contains(?::BIGINT[], report_id);
