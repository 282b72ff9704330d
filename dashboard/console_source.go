package dashboard

import (
	"context"
	"time"
)

// Console runs analysts' SQL for the console page, POST /api/sql and the
// SQL downloads. Package consolesource provides it over analytics.RunSQL
// on the server's read-only DuckDB handle (wired in cmd/xxgk); the tests
// use a fake. Its safety rests on that handle, not on the dashboard.
type Console interface {
	// Run runs one SELECT statement within the limits. A failure of the
	// query itself (refused, wrong, too slow) is a *QueryError; anything
	// else is internal.
	Run(ctx context.Context, query string, lim SQLLimits) (*SQLResult, error)
	// Schema lists the views, then the tables, an analyst can query.
	Schema(ctx context.Context) ([]SchemaTable, error)
}

// SQLLimits bound one analyst's query.
type SQLLimits struct {
	MaxRows int           // rows returned at most
	Timeout time.Duration // the query is cancelled after this
}

// SQLResult is the outcome of one analyst's query.
type SQLResult struct {
	Columns []SQLColumn
	// Rows hold values encoding/json writes faithfully: nil, bool, int64,
	// float64, json.Number (exact decimals), string, []any, map[string]any.
	Rows      [][]any
	Truncated bool // there were more than MaxRows rows; Rows holds the first MaxRows
	Elapsed   time.Duration
}

// SQLColumn is one column of an SQLResult.
type SQLColumn struct {
	Name    string
	Type    string // DuckDB's type name: VARCHAR, DOUBLE, INTEGER[], …
	Numeric bool   // a number type: right-aligned, and a chart's value
}

// SQL error kinds: why a query failed.
const (
	SQLRefused = "refused" // not exactly one SELECT statement
	SQLTimeout = "timeout" // cancelled after SQLLimits.Timeout
	SQLFailed  = "error"   // DuckDB refused or failed it: syntax, names, types, file access …
)

// QueryError is a failure of the analyst's query itself: what to show the
// analyst, never an internal error.
type QueryError struct {
	Kind    string // SQLRefused, SQLTimeout or SQLFailed
	Message string // DuckDB's message (English), with its picture of where the error is
	// Line and Column place the error in the query (1-based, Column in
	// characters); 0 when DuckDB does not say.
	Line, Column int
}

func (e *QueryError) Error() string { return e.Message }

// SchemaTable is a view or table an analyst can query.
type SchemaTable struct {
	Name    string
	View    bool
	Columns []SchemaColumn
}

// SchemaColumn is one column of a SchemaTable.
type SchemaColumn struct {
	Name string
	Type string
}
