package analytics

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	sqlfiles "xxgk/sql"
)

// Console defaults: an analyst's query returns at most DefaultConsoleRows
// rows and runs for at most DefaultConsoleTimeout.
const (
	DefaultConsoleRows    = 10_000
	DefaultConsoleTimeout = 10 * time.Second
)

// ErrNotSelect says an analyst's query is not exactly one SELECT statement.
var ErrNotSelect = errors.New("only one SELECT statement is allowed")

// QueryError is a failure of the analyst's query itself (a syntax error, an
// unknown column, a refused statement, a timeout): its message is DuckDB's
// and is meant for the analyst. Any other error from RunSQL is internal.
type QueryError struct {
	Msg string
	Err error // ErrNotSelect, context.DeadlineExceeded, or nil
	// Line and Column say where in the query DuckDB found the error
	// (1-based, Column in characters); 0 when DuckDB does not say. Msg
	// then ends with DuckDB's picture of the place ("LINE 2: …" and a
	// caret under it).
	Line, Column int
}

func (e *QueryError) Error() string { return e.Msg }

// Unwrap returns the cause, if any.
func (e *QueryError) Unwrap() error { return e.Err }

// ConsoleOptions bound one analyst's query.
type ConsoleOptions struct {
	MaxRows int           // rows returned at most; 0 means DefaultConsoleRows
	Timeout time.Duration // 0 means DefaultConsoleTimeout
}

// ConsoleResult is the outcome of one analyst's query.
type ConsoleResult struct {
	Columns []string
	Types   []string // DuckDB type names, e.g. VARCHAR, DOUBLE, INTEGER[]
	Rows    [][]any  // values as the driver returns them; see FormatValue and JSONValue
	// Truncated says the query had more rows than MaxRows; Rows holds the first MaxRows.
	Truncated bool
	Elapsed   time.Duration
}

// RunSQL runs an analyst's query for the SQL console (xxgk sql, and the web
// console). db must be a read-only handle from OpenReadOnly: the safety of
// the console rests on DuckDB refusing writes, file access, extensions and
// settings changes on that handle, whatever the query says. On top of that
// RunSQL
//
//   - refuses anything but exactly one SELECT statement, checked without
//     running it by json_serialize_sql (ErrNotSelect);
//   - never composes SQL from the query text: the text is bound as a string
//     parameter to DuckDB's query() table function under an outer LIMIT, so
//     DuckDB materialises at most MaxRows+1 rows (a bare result would be
//     materialised whole, whatever its size);
//   - cancels the query when Timeout passes or ctx is done.
//
// A failing query returns a *QueryError carrying DuckDB's message.
func RunSQL(ctx context.Context, db *sql.DB, query string, opt ConsoleOptions) (*ConsoleResult, error) {
	if opt.MaxRows <= 0 {
		opt.MaxRows = DefaultConsoleRows
	}
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultConsoleTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, opt.Timeout)
	defer cancel()
	start := time.Now()
	if err := validateSelect(ctx, db, query); err != nil {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, sqlfiles.Query("analytics/console_run"), query, opt.MaxRows+1)
	if err != nil {
		return nil, consoleError(ctx, db, query, err, opt.Timeout)
	}
	defer rows.Close()
	res, err := collect(rows, opt.MaxRows)
	if err != nil {
		return nil, consoleError(ctx, db, query, err, opt.Timeout)
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// validateSelect checks that query is exactly one SELECT statement. A
// syntax error comes back with its place in the query.
func validateSelect(ctx context.Context, db *sql.DB, query string) error {
	var failed bool
	var message, kind string
	var statements, position int
	if err := db.QueryRowContext(ctx, sqlfiles.Query("analytics/console_validate"), query).
		Scan(&failed, &message, &kind, &position, &statements); err != nil {
		if ctx.Err() != nil {
			return &QueryError{Msg: "the query could not be checked in time", Err: context.DeadlineExceeded}
		}
		return fmt.Errorf("sql: %w", err)
	}
	switch {
	case failed && strings.Contains(message, "Only SELECT"):
		return &QueryError{Msg: "only one SELECT statement is allowed: the database is read-only", Err: ErrNotSelect}
	case failed && kind == "parser" && position >= 0:
		picture, line, col := errorContext(query, position)
		return &QueryError{Msg: "Parser Error: " + message + picture, Line: line, Column: col}
	case failed:
		return &QueryError{Msg: message}
	case statements == 0:
		return &QueryError{Msg: "the query is empty: write one SELECT statement", Err: ErrNotSelect}
	case statements > 1:
		return &QueryError{Msg: fmt.Sprintf("%d statements: only one SELECT statement is allowed", statements), Err: ErrNotSelect}
	}
	return nil
}

// collect reads at most max rows and notes whether there were more.
func collect(rows *sql.Rows, max int) (*ConsoleResult, error) {
	cols, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	res := &ConsoleResult{Rows: [][]any{}}
	for _, c := range cols {
		res.Columns = append(res.Columns, c.Name())
		res.Types = append(res.Types, c.DatabaseTypeName())
	}
	for rows.Next() {
		if len(res.Rows) == max {
			res.Truncated = true
			break
		}
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		res.Rows = append(res.Rows, vals)
	}
	return res, rows.Err()
}

// consoleError words a failed query: DuckDB's own message, or a timeout.
// Every DuckDB error here is the query's fault: validation parsed it, and
// the handle itself is known good. An error raised while running the
// console's wrapper points into the wrapper ("LINE 5: SELECT * FROM
// query(…"), so that picture is cut and DuckDB is asked where in the
// analyst's text the error is (locateError).
func consoleError(ctx context.Context, db *sql.DB, query string, err error, timeout time.Duration) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &QueryError{Msg: fmt.Sprintf("the query ran longer than %s and was cancelled", timeout), Err: context.DeadlineExceeded}
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	msg, _, _ := strings.Cut(err.Error(), "\n\nLINE ")
	qe := &QueryError{Msg: strings.TrimSpace(msg)}
	if located, ok := locateError(ctx, db, query); ok {
		qe.Msg = located
		qe.Line, qe.Column = duckdbPosition(located, query)
	}
	return qe
}

// IsNumericType reports whether a DuckDB type name (ConsoleResult.Types)
// is a number type: right-aligned in tables, a value a chart can draw.
func IsNumericType(typ string) bool { return isNumeric(typ) }
