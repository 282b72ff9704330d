-- Run an analyst's query ($1), bound as a string parameter: query() parses it
-- as exactly one SELECT and runs it as a subquery. No SQL text is ever
-- composed from the analyst's input.
--
-- DuckDB materialises a result whole before the first row reaches Go, so the
-- wrapper bounds what it materialises, by rows and by bytes:
--   * the inner LIMIT $2 (the caller's row cap + 1, to tell a cut result)
--     stops the analyst's query early;
--   * __xxgk_bytes is the row's size as text: the sum of each column's
--     strlen(CAST(… AS VARCHAR)), which for a VARCHAR is its length, without
--     a copy, a NULL 4 (COLUMNS(…) AS '__xxgk_size_\1' names one size per column, and
--     *COLUMNS unpacks them into a list); a running sum (a streaming
--     window: no ORDER BY, no PARTITION) keeps the rows that start within
--     the byte budget $3;
--   * the first row that ends past the budget comes back with every column
--     NULL and __xxgk_over true: it says the result was cut, and its values,
--     however large, are not materialised.
-- The bounded result is then counted (a materialised CTE keeps the order), so
-- that every row says up front how many rows there are and whether the bytes
-- cut them: a download can say it was cut in its headers before its body.
-- The caller reads four columns after the analyst's: __xxgk_end (bytes up
-- to and including the row), __xxgk_over (the marker), __xxgk_rows,
-- __xxgk_cut.
WITH sized AS MATERIALIZED (
    SELECT
        CASE WHEN NOT __xxgk_over THEN COLUMNS(* EXCLUDE (__xxgk_end, __xxgk_over, __xxgk_start)) END,
        __xxgk_end,
        __xxgk_over
    FROM (
        SELECT
            * EXCLUDE (__xxgk_bytes),
            sum(__xxgk_bytes) OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS __xxgk_end,
            __xxgk_end > $3 AS __xxgk_over,
            __xxgk_end - __xxgk_bytes AS __xxgk_start
        FROM (
            SELECT
                COLUMNS(c -> NOT starts_with(c, '__xxgk_size_')),
                list_sum(list_value(*COLUMNS('^__xxgk_size_'))) AS __xxgk_bytes
            FROM (
                SELECT *, coalesce(strlen(CAST(COLUMNS('^(.*)$') AS VARCHAR)), 4) AS '__xxgk_size_\1'
                FROM (SELECT * FROM query(CAST($1 AS VARCHAR)) LIMIT $2)
            )
        )
    )
    WHERE __xxgk_start <= $3
)
SELECT
    *,
    (SELECT count(*) FROM sized) AS __xxgk_rows,
    coalesce((SELECT bool_or(__xxgk_over) FROM sized), false) AS __xxgk_cut
FROM sized;
