-- The rows of one relation ($1), to check what was written.
SELECT count(*) FROM query_table($1);
