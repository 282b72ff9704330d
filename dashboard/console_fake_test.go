package dashboard

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"xxgk/analytics"
)

// fakeConsole answers a few fixed queries the way analytics.Console does;
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
	fakeSlow     = "SELECT slow" // fails unless its context allows the console's timeout
	fakeFormula  = "SELECT formulas"
	fakeBytes    = "SELECT bytes" // cut by the byte budget
)

// fakeResult is a small result with the awkward values, as the driver
// returns them: an attack in a text, NULL, an exact decimal, a list.
func fakeResult() *analytics.ConsoleResult {
	return &analytics.ConsoleResult{
		Columns: []string{"township", "grant_rate", "requests", "amount", "tags"},
		Types:   []string{"VARCHAR", "DOUBLE", "BIGINT", "DECIMAL(18,2)", "VARCHAR[]"},
		Rows: [][]any{
			{"丰塔乡", 0.75, int64(12), duckdb.Decimal{Width: 18, Scale: 2, Value: big.NewInt(1230)}, []any{"a", "b"}},
			{evilName, nil, int64(3), duckdb.Decimal{Width: 18, Scale: 2, Value: big.NewInt(5)}, []any{}},
			{"南岭乡", 0.5, nil, nil, nil},
		},
		Elapsed: 7 * time.Millisecond,
	}
}

// fakeFormulas is a result whose texts a spreadsheet would run, beside
// negative numbers that must stay numbers.
func fakeFormulas() *analytics.ConsoleResult {
	return &analytics.ConsoleResult{
		Columns: []string{"=name", "n", "big", "amount"},
		Types:   []string{"VARCHAR", "INTEGER", "HUGEINT", "DECIMAL(38,3)"},
		Rows: [][]any{
			{"=1+1", int32(-3), new(big.Int).Neg(new(big.Int).Lsh(big.NewInt(1), 100)), duckdb.Decimal{Width: 38, Scale: 3, Value: big.NewInt(-12345)}},
			{`=HYPERLINK("http://evil.example","点击")`, int32(4), big.NewInt(-7), duckdb.Decimal{Width: 38, Scale: 3, Value: big.NewInt(0)}},
			{"@SUM(A1:A9)", nil, nil, nil},
			{"-2+3", nil, nil, nil},
			{"+86", nil, nil, nil},
			{"\tx", nil, nil, nil},
			{"\rx", nil, nil, nil},
		},
	}
}

func (f *fakeConsole) Stream(ctx context.Context, query string, opt analytics.ConsoleOptions, sink analytics.RowSink) (*analytics.ConsoleResult, error) {
	res := fakeResult()
	switch strings.TrimSpace(query) {
	case fakeSyntax:
		return nil, &QueryError{Line: 1, Column: 1,
			Msg: "Parser Error: syntax error at or near \"SELEC\"\n\nLINE 1: SELEC 1\n        ^"}
	case fakeWrite:
		return nil, &QueryError{Err: analytics.ErrNotSelect, Msg: "only one SELECT statement is allowed: the database is read-only"}
	case fakeInternal:
		return nil, errors.New("secret internal detail")
	case fakeFormula:
		res = fakeFormulas()
	case fakeBytes:
		// As analytics cuts a result past its byte budget: the first row fits.
		res.Rows, res.Truncated, res.CutBy, res.Bytes = res.Rows[:1], true, analytics.CutBytes, 40
	case fakeSlow:
		// It runs under the console's timeout, not a page's shorter
		// bound: its context must leave it at least that long.
		if d, ok := ctx.Deadline(); ok && time.Until(d) < opt.Timeout {
			return nil, fmt.Errorf("the query's context ends in %v, before the console's timeout of %v", time.Until(d), opt.Timeout)
		}
	case fakeWait:
		f.started <- struct{}{}
		select {
		case <-f.gate:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if len(res.Rows) > opt.MaxRows {
		res.Rows, res.Truncated, res.CutBy = res.Rows[:opt.MaxRows], true, analytics.CutRows
	}
	res.Limits, res.RowCount = opt, len(res.Rows)
	rows := res.Rows
	res.Rows = nil
	if err := sink.Columns(res); err != nil {
		return nil, err
	}
	for _, row := range rows {
		if err := sink.Row(row); err != nil {
			return nil, err
		}
	}
	return res, nil
}

func (f *fakeConsole) Schema(context.Context) ([]analytics.SchemaTable, error) {
	return []analytics.SchemaTable{
		{Name: "rankings", View: true, Columns: []analytics.SchemaColumn{{Name: "year", Type: "INTEGER"}, {Name: "metric", Type: "VARCHAR"}, {Name: "township", Type: "VARCHAR"}, {Name: "rank", Type: "BIGINT"}}},
		{Name: "requests", View: true, Columns: []analytics.SchemaColumn{{Name: "grant_rate", Type: "DOUBLE"}}},
		{Name: "figures", Columns: []analytics.SchemaColumn{{Name: "report_id", Type: "BIGINT"}, {Name: "s3.new.total", Type: "DOUBLE"}}},
	}, nil
}
