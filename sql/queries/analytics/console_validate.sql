-- Parse an analyst's query without running it: json_serialize_sql serialises
-- SELECT statements only and reports any other statement or a syntax error
-- as an error, with the kind of error and, for a syntax error, its position
-- (characters from the start, -1 when not given). Returns (error, message,
-- kind, position, number of statements).
SELECT
    coalesce(CAST(j ->> 'error' AS BOOLEAN), TRUE) AS failed,
    coalesce(j ->> 'error_message', '') AS message,
    coalesce(j ->> 'error_type', '') AS kind,
    coalesce(TRY_CAST(j ->> 'position' AS INTEGER), -1) AS position,
    coalesce(json_array_length(j -> 'statements'), 0) AS statements
FROM (SELECT json_serialize_sql(CAST(? AS VARCHAR)) AS j);
