// Package consolesource adapts the SQL console of package analytics
// (RunSQL on a read-only DuckDB handle, and the catalog of views and
// tables) to the dashboard's Console interface, so that the web console
// and xxgk sql run the same engine.
package consolesource

import (
	"context"
	"database/sql"
	"errors"

	"xxgk/analytics"
	"xxgk/dashboard"
)

// Console implements dashboard.Console over a handle from
// analytics.OpenReadOnly.
type Console struct {
	db *sql.DB
}

var _ dashboard.Console = (*Console)(nil)

// New returns the console over db, which must come from
// analytics.OpenReadOnly: the console's safety rests on its settings.
func New(db *sql.DB) *Console { return &Console{db: db} }

// Run runs one analyst's query with analytics.RunSQL.
func (c *Console) Run(ctx context.Context, query string, lim dashboard.SQLLimits) (*dashboard.SQLResult, error) {
	res, err := analytics.RunSQL(ctx, c.db, query, analytics.ConsoleOptions{MaxRows: lim.MaxRows, Timeout: lim.Timeout})
	if err != nil {
		return nil, queryError(err)
	}
	out := &dashboard.SQLResult{Rows: make([][]any, len(res.Rows)), Truncated: res.Truncated, Elapsed: res.Elapsed}
	for i, name := range res.Columns {
		typ := res.Types[i]
		out.Columns = append(out.Columns, dashboard.SQLColumn{Name: name, Type: typ, Numeric: analytics.IsNumericType(typ)})
	}
	for i, row := range res.Rows {
		vals := make([]any, len(row))
		for j, v := range row {
			vals[j] = analytics.JSONValue(v, res.Types[j])
		}
		out.Rows[i] = vals
	}
	return out, nil
}

// queryError makes analytics' QueryError the dashboard's; any other error
// stays internal.
func queryError(err error) error {
	var qe *analytics.QueryError
	if !errors.As(err, &qe) {
		return err
	}
	kind := dashboard.SQLFailed
	switch {
	case errors.Is(err, analytics.ErrNotSelect):
		kind = dashboard.SQLRefused
	case errors.Is(err, context.DeadlineExceeded):
		kind = dashboard.SQLTimeout
	}
	return &dashboard.QueryError{Kind: kind, Message: qe.Msg, Line: qe.Line, Column: qe.Column}
}

// Schema lists the views and tables with analytics.ConsoleSchema.
func (c *Console) Schema(ctx context.Context) ([]dashboard.SchemaTable, error) {
	tables, err := analytics.ConsoleSchema(ctx, c.db)
	if err != nil {
		return nil, err
	}
	out := make([]dashboard.SchemaTable, len(tables))
	for i, t := range tables {
		out[i] = dashboard.SchemaTable{Name: t.Name, View: t.View}
		for _, col := range t.Columns {
			out[i].Columns = append(out[i].Columns, dashboard.SchemaColumn{Name: col.Name, Type: col.Type})
		}
	}
	return out, nil
}
