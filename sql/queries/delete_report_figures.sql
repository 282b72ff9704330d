DELETE FROM figures WHERE list_contains(?::BIGINT[], report_id);
