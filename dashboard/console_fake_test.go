package dashboard

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"
)

// fakeConsole answers a few fixed queries the way consolesource does;
// anything else returns fakeResult. With gate set, "SELECT wait" blocks
// until the gate closes (or the query's context ends), after saying so
// on started.
type fakeConsole struct {
	gate    chan struct{}
	started chan struct{}
}

const (
	fakeSyntax   = "SELEC 1"
	fakeWrite    = "DROP TABLE reports"
	fakeInternal = "SELECT boom"
	fakeWait     = "SELECT wait"
	fakeSlow     = "SELECT slow" // sleeps 200 ms, within its timeout
)

// fakeResult is a small result with the awkward values: an attack in a
// text, NULL, an exact decimal, a list.
func fakeResult() *SQLResult {
	return &SQLResult{
		Columns: []SQLColumn{{"township", "VARCHAR", false}, {"grant_rate", "DOUBLE", true},
			{"requests", "BIGINT", true}, {"amount", "DECIMAL(18,2)", true}, {"tags", "VARCHAR[]", false}},
		Rows: [][]any{
			{"丰塔乡", 0.75, int64(12), json.Number("12.30"), []any{"a", "b"}},
			{evilName, nil, int64(3), json.Number("0.05"), []any{}},
			{"南岭乡", 0.5, nil, nil, nil},
		},
		Elapsed: 7 * time.Millisecond,
	}
}

func (f *fakeConsole) Run(ctx context.Context, query string, lim SQLLimits) (*SQLResult, error) {
	switch strings.TrimSpace(query) {
	case fakeSyntax:
		return nil, &QueryError{Kind: SQLFailed, Line: 1, Column: 1,
			Message: "Parser Error: syntax error at or near \"SELEC\"\n\nLINE 1: SELEC 1\n        ^"}
	case fakeWrite:
		return nil, &QueryError{Kind: SQLRefused, Message: "only one SELECT statement is allowed: the database is read-only"}
	case fakeInternal:
		return nil, errors.New("secret internal detail")
	case fakeSlow:
		select {
		case <-time.After(200 * time.Millisecond):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	case fakeWait:
		f.started <- struct{}{}
		select {
		case <-f.gate:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	res := fakeResult()
	if len(res.Rows) > lim.MaxRows {
		res.Rows, res.Truncated = res.Rows[:lim.MaxRows], true
	}
	return res, nil
}

func (f *fakeConsole) Schema(context.Context) ([]SchemaTable, error) {
	return []SchemaTable{
		{Name: "rankings", View: true, Columns: []SchemaColumn{{"year", "INTEGER"}, {"metric", "VARCHAR"}, {"township", "VARCHAR"}, {"rank", "BIGINT"}}},
		{Name: "requests", View: true, Columns: []SchemaColumn{{"grant_rate", "DOUBLE"}}},
		{Name: "figures", Columns: []SchemaColumn{{"report_id", "BIGINT"}, {"s3.new.total", "DOUBLE"}}},
	}, nil
}
