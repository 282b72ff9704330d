DELETE FROM checks WHERE list_contains(?::BIGINT[], report_id);
