-- Run an analyst's query, bound as a string parameter: query() parses it as
-- exactly one SELECT and runs it as a subquery, so the outer LIMIT bounds
-- what DuckDB materialises (the caller asks for its row cap + 1 to tell a
-- cut result). No SQL text is ever composed from the analyst's input.
SELECT * FROM query(CAST(? AS VARCHAR)) LIMIT ?;
