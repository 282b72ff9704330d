package dashboard

import (
	"context"
	"errors"

	"xxgk/analytics"
)

// Console runs analysts' SQL for the console page, POST /api/sql and the
// SQL downloads: analytics.Console over the server's read-only DuckDB
// handle (wired in cmd/xxgk), a fake in the tests. Its safety rests on that
// handle, not on the dashboard.
type Console interface {
	// Stream runs one SELECT statement within opt's bounds and hands its
	// rows to sink as they are read. A failure of the query itself
	// (refused, wrong, too slow) is a *QueryError; anything else, an
	// error of the sink included, is returned as it is.
	Stream(ctx context.Context, query string, opt analytics.ConsoleOptions, sink analytics.RowSink) (*analytics.ConsoleResult, error)
	// Schema lists the views, then the tables, an analyst can query.
	Schema(ctx context.Context) ([]analytics.SchemaTable, error)
}

// QueryError is a failure of the analyst's query itself: what to show the
// analyst, never an internal error.
type QueryError = analytics.QueryError

// SQL error kinds: why a query failed, as the API's "kind" says.
const (
	SQLRefused = "refused" // not exactly one SELECT statement
	SQLTimeout = "timeout" // cancelled after the console's timeout
	SQLFailed  = "error"   // DuckDB refused or failed it: syntax, names, types, file access …
)

// queryKind is the kind of a failed query.
func queryKind(qe *QueryError) string {
	switch {
	case errors.Is(qe, analytics.ErrNotSelect):
		return SQLRefused
	case errors.Is(qe, context.DeadlineExceeded):
		return SQLTimeout
	}
	return SQLFailed
}
