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
// rows and DefaultConsoleBytes bytes, and runs for at most
// DefaultConsoleTimeout.
const (
	DefaultConsoleRows    = 10_000
	DefaultConsoleBytes   = 64 << 20
	DefaultConsoleTimeout = 10 * time.Second
)

// ErrNotSelect says an analyst's query is not exactly one SELECT statement.
var ErrNotSelect = errors.New("only one SELECT statement is allowed")

// errConsoleTimeout is the cause of a query cancelled at its timeout.
var errConsoleTimeout = errors.New("console timeout")

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
	MaxRows int // rows returned at most; 0 means DefaultConsoleRows
	// MaxBytes bounds the result's size as text (each value cast to
	// VARCHAR), counted by DuckDB as it produces the rows, so that it never
	// materialises more; 0 means DefaultConsoleBytes.
	MaxBytes int64
	Timeout  time.Duration // running the query, until its first row; 0 means DefaultConsoleTimeout
}

func (o ConsoleOptions) withDefaults() ConsoleOptions {
	if o.MaxRows <= 0 {
		o.MaxRows = DefaultConsoleRows
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultConsoleBytes
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultConsoleTimeout
	}
	return o
}

// Why a result was cut (ConsoleResult.CutBy).
const (
	CutRows  = "rows"  // it had more than MaxRows rows
	CutBytes = "bytes" // its rows came to more than MaxBytes bytes
)

// ConsoleResult is the outcome of one analyst's query.
type ConsoleResult struct {
	Columns []string
	Types   []string // DuckDB type names, e.g. VARCHAR, DOUBLE, INTEGER[]
	// Rows holds the values as the driver returns them (see FormatValue
	// and JSONValue); RunSQL fills it, StreamSQL hands the rows over instead.
	Rows     [][]any
	RowCount int   // rows returned (known before the first is handed over)
	Bytes    int64 // their size as text, as DuckDB counted it
	// Truncated says the query had more rows than it returned: CutBy says
	// whether the row cap or the byte budget cut it.
	Truncated bool
	CutBy     string
	Limits    ConsoleOptions // the limits the query ran under
	Elapsed   time.Duration
}

// RowSink receives a result as it is read: its columns once, then each row.
// An error from it stops the query.
type RowSink interface {
	Columns(res *ConsoleResult) error
	Row(values []any) error
}

// RunSQL runs an analyst's query for the SQL console (xxgk sql, and the web
// console) and returns the whole result, within its bounds. db must be a
// read-only handle from OpenReadOnly: the safety of the console rests on
// DuckDB refusing writes, file access, extensions and settings changes on
// that handle, whatever the query says. On top of that RunSQL
//
//   - refuses anything but exactly one SELECT statement, checked without
//     running it by json_serialize_sql (ErrNotSelect);
//   - never composes SQL from the query text: the text is bound as a string
//     parameter to DuckDB's query() table function under a wrapper
//     (console_run.sql) that makes DuckDB materialise at most MaxRows+1
//     rows and about MaxBytes bytes (a bare result would be materialised
//     whole, whatever its size);
//   - cancels the query when Timeout passes or ctx is done.
//
// A failing query returns a *QueryError carrying DuckDB's message.
func RunSQL(ctx context.Context, db *sql.DB, query string, opt ConsoleOptions) (*ConsoleResult, error) {
	var c collector
	res, err := StreamSQL(ctx, db, query, opt, &c)
	if err != nil {
		return nil, err
	}
	res.Rows = c.rows
	return res, nil
}

// collector keeps every row.
type collector struct{ rows [][]any }

func (c *collector) Columns(*ConsoleResult) error { c.rows = [][]any{}; return nil }
func (c *collector) Row(v []any) error            { c.rows = append(c.rows, v); return nil }

// StreamSQL runs a query as RunSQL does and hands its rows to sink as they
// are read, so that a download need not hold the result: a writer's error
// (a client gone) stops it and frees DuckDB's result. The timeout bounds
// running the query; handing the rows over is bounded by ctx (and by the
// sink). The returned result has no Rows.
func StreamSQL(ctx context.Context, db *sql.DB, query string, opt ConsoleOptions, sink RowSink) (*ConsoleResult, error) {
	opt = opt.withDefaults()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	timer := time.AfterFunc(opt.Timeout, func() { cancel(errConsoleTimeout) })
	defer timer.Stop()
	start := time.Now()
	if err := validateSelect(ctx, db, query); err != nil {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, sqlfiles.Query("analytics/console_run"), query, opt.MaxRows+1, opt.MaxBytes)
	if err != nil {
		return nil, consoleError(ctx, db, query, err, opt.Timeout)
	}
	defer rows.Close()
	// DuckDB has run the query and holds its (bounded) result: reading it
	// is not what the timeout is for.
	timer.Stop()
	res := &ConsoleResult{Limits: opt}
	if err := stream(rows, res, sink); err != nil {
		var se sinkError
		if errors.As(err, &se) {
			return nil, se.err
		}
		return nil, consoleError(ctx, db, query, err, opt.Timeout)
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// sinkError is an error of the RowSink, returned as it is.
type sinkError struct{ err error }

func (e sinkError) Error() string { return e.err.Error() }

// validateSelect checks that query is exactly one SELECT statement. A
// syntax error comes back with its place in the query.
func validateSelect(ctx context.Context, db *sql.DB, query string) error {
	var failed bool
	var message, kind string
	var statements, position int
	if err := db.QueryRowContext(ctx, sqlfiles.Query("analytics/console_validate"), query).
		Scan(&failed, &message, &kind, &position, &statements); err != nil {
		if errors.Is(context.Cause(ctx), errConsoleTimeout) {
			return &QueryError{Msg: "the query could not be checked in time", Err: context.DeadlineExceeded}
		}
		if ctx.Err() != nil {
			return ctx.Err()
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

// stream reads the wrapper's rows into sink, at most res.Limits.MaxRows
// rows and MaxBytes bytes (as DuckDB counted them), and says whether and
// why the result was cut before the first row is handed over.
func stream(rows *sql.Rows, res *ConsoleResult, sink RowSink) error {
	cols, err := rows.ColumnTypes()
	if err != nil {
		return err
	}
	n := len(cols) - 4 // the wrapper's __xxgk_end, __xxgk_over, __xxgk_rows, __xxgk_cut follow
	for _, c := range cols[:n] {
		res.Columns = append(res.Columns, c.Name())
		res.Types = append(res.Types, c.DatabaseTypeName())
	}
	var (
		end, total   int64
		over, cutAny bool
		ptrs         = make([]any, n+4)
	)
	ptrs[n], ptrs[n+1], ptrs[n+2], ptrs[n+3] = &end, &over, &total, &cutAny
	scan := func() ([]any, error) {
		vals := make([]any, n)
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		return vals, rows.Scan(ptrs...)
	}
	var first []any
	if rows.Next() {
		if first, err = scan(); err != nil {
			return err
		}
	}
	kept := total
	if cutAny {
		kept-- // the marker row
	}
	switch {
	case kept > int64(res.Limits.MaxRows):
		res.Truncated, res.CutBy, res.RowCount = true, CutRows, res.Limits.MaxRows
	case cutAny:
		res.Truncated, res.CutBy, res.RowCount = true, CutBytes, int(kept)
	default:
		res.RowCount = int(kept)
	}
	if err := sink.Columns(res); err != nil {
		return sinkError{err}
	}
	for i := 0; i < res.RowCount; i++ {
		vals := first
		if i > 0 {
			if !rows.Next() {
				break
			}
			if vals, err = scan(); err != nil {
				return err
			}
		}
		if over {
			break
		}
		res.Bytes = end
		if err := sink.Row(vals); err != nil {
			return sinkError{err}
		}
	}
	return rows.Err()
}

// consoleError words a failed query: DuckDB's own message, or a timeout.
// Every DuckDB error here is the query's fault: validation parsed it, and
// the handle itself is known good. An error raised while running the
// console's wrapper points into the wrapper ("LINE 5: SELECT * FROM
// query(…"), so that picture is cut and DuckDB is asked where in the
// analyst's text the error is (locateError).
func consoleError(ctx context.Context, db *sql.DB, query string, err error, timeout time.Duration) error {
	if errors.Is(context.Cause(ctx), errConsoleTimeout) {
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

// Console is the SQL console over one read-only handle (OpenReadOnly): what
// the web console runs its queries and its schema browser through.
type Console struct {
	db *sql.DB
	// yield runs each query on a thread of lower priority (a server's
	// console: Serving.NewConsole).
	yield bool
	// activity records the queries running, for the pages' reads that
	// share their DuckDB instance (a server's); nil for none.
	activity *consoleActivity
}

// NewConsole returns the console over db, which must come from
// OpenReadOnly: the console's safety rests on its settings.
func NewConsole(db *sql.DB) *Console { return &Console{db: db} }

// Stream runs one analyst's query with StreamSQL.
func (c *Console) Stream(ctx context.Context, query string, opt ConsoleOptions, sink RowSink) (*ConsoleResult, error) {
	if c.activity != nil {
		defer c.activity.begin()()
	}
	if !c.yield {
		return StreamSQL(ctx, c.db, query, opt, sink)
	}
	var res *ConsoleResult
	var err error
	runLowPriority(func() { res, err = StreamSQL(ctx, c.db, query, opt, sink) })
	return res, err
}

// Schema lists the views and tables with ConsoleSchema.
func (c *Console) Schema(ctx context.Context) ([]SchemaTable, error) { return ConsoleSchema(ctx, c.db) }
