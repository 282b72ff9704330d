-- Parse an analyst's query without running it: json_serialize_sql serialises
-- SELECT statements only and reports any other statement or a syntax error
-- as an error. Returns (error, message, number of statements).
SELECT
    coalesce(CAST(j ->> 'error' AS BOOLEAN), TRUE) AS failed,
    coalesce(j ->> 'error_message', '') AS message,
    coalesce(json_array_length(j -> 'statements'), 0) AS statements
FROM (SELECT json_serialize_sql(CAST(? AS VARCHAR)) AS j);
