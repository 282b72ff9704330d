package analytics

import (
	"bytes"
	"context"
	"errors"
	"math"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

func TestRunSQLRefuses(t *testing.T) {
	for _, tc := range []struct {
		name, query, want string
		notSelect         bool
	}{
		{"write", "CREATE TABLE x(a int)", "only one SELECT", true},
		{"delete", "DELETE FROM reports", "only one SELECT", true},
		{"two statements", "SELECT 1; SELECT 2", "2 statements", true},
		{"select then write", "SELECT 1; DROP TABLE reports", "only one SELECT", true},
		{"empty", "  ", "empty", true},
		{"pragma", "PRAGMA version", "only one SELECT", true},
		{"attach", "ATTACH '/tmp/x.duckdb'", "only one SELECT", true},
		{"set", "SET memory_limit = '20GB'", "only one SELECT", true},
		{"file read", "SELECT * FROM read_csv('/etc/passwd')", "disabled by configuration", false},
		{"glob", "SELECT * FROM glob('/etc/*')", "disabled by configuration", false},
		{"write through query()", "SELECT * FROM query('CREATE TABLE x(a int)')", "single SELECT", false},
		{"syntax", "SELEC 1", "syntax error", false},
		{"unknown table", "SELECT * FROM reprots", "reprots does not exist", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := RunSQL(ctx, demoDB, tc.query, ConsoleOptions{})
			var qe *QueryError
			if res != nil || !errors.As(err, &qe) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("RunSQL(%q) = %v, %v; want a QueryError saying %q", tc.query, res, err, tc.want)
			}
			if errors.Is(err, ErrNotSelect) != tc.notSelect {
				t.Errorf("errors.Is(ErrNotSelect) = %v, want %v", !tc.notSelect, tc.notSelect)
			}
			if strings.Contains(err.Error(), "query(CAST(?") || strings.Contains(err.Error(), "Run an analyst") {
				t.Errorf("the message quotes the console's wrapper: %v", err)
			}
		})
	}
	if n := rowCount(t, "SELECT count(*) FROM reports"); n != int64(len(key.answers)) {
		t.Errorf("after the refused statements reports has %d rows", n)
	}
}

func rowCount(t *testing.T, q string) int64 {
	t.Helper()
	res, err := RunSQL(ctx, demoDB, q, ConsoleOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return res.Rows[0][0].(int64)
}

func TestRunSQLLimitsAndOrder(t *testing.T) {
	res, err := RunSQL(ctx, demoDB, "SELECT range AS n FROM range(25) ORDER BY n DESC -- a comment", ConsoleOptions{MaxRows: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 10 || !res.Truncated || res.Rows[0][0] != int64(24) || res.Rows[9][0] != int64(15) {
		t.Errorf("rows %v, truncated %v; want 24..15, truncated", res.Rows, res.Truncated)
	}
	res, err = RunSQL(ctx, demoDB, "FROM range(10);", ConsoleOptions{MaxRows: 10})
	if err != nil || len(res.Rows) != 10 || res.Truncated {
		t.Errorf("exactly the cap: %d rows, truncated %v, %v", len(res.Rows), res.Truncated, err)
	}
	// A result far larger than memory is not materialised: the cap applies
	// inside DuckDB (were it not, this would never return).
	res, err = RunSQL(ctx, demoDB, "SELECT * FROM range(1000000000000)", ConsoleOptions{MaxRows: 5})
	if err != nil || len(res.Rows) != 5 || !res.Truncated {
		t.Errorf("a huge result: %v, %v; want 5 rows, truncated", res, err)
	}
	_, err = RunSQL(ctx, demoDB, "SELECT count(*) FROM range(100000000000) a", ConsoleOptions{Timeout: 200 * time.Millisecond})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("a long query: %v; want a timeout", err)
	}
	if _, err := RunSQL(ctx, demoDB, "SELECT 1", ConsoleOptions{}); err != nil {
		t.Errorf("the handle is unusable after a timeout: %v", err)
	}
}

// consoleFixture is a small result with the awkward types.
const consoleFixture = `SELECT * FROM (VALUES
    (1, '丰塔乡', 2.5, NULL, DATE '2024-03-01', [1, 2], {'a': 'x'}, 12.30::DECIMAL(6,2), true),
    (22, 'a,"b"', -0.125, 'n', DATE '2025-12-31', [], {'a': NULL}, 0::DECIMAL(6,2), false)
) AS t(id, name, share, note, day, xs, s, amount, ok)`

func TestWriters(t *testing.T) {
	res, err := RunSQL(ctx, demoDB, consoleFixture, ConsoleOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		write func(*bytes.Buffer, *ConsoleResult) error
		want  string
	}{
		{"table", func(b *bytes.Buffer, r *ConsoleResult) error { return WriteTable(b, r) }, "" +
			"id  name    share   note  day         xs     s           amount  ok\n" +
			"--  ------  ------  ----  ----------  -----  ----------  ------  -----\n" +
			" 1  丰塔乡     2.5  NULL  2024-03-01  [1,2]  {\"a\":\"x\"}     12.3  true\n" +
			"22  a,\"b\"   -0.125  n     2025-12-31  []     {\"a\":null}       0  false\n" +
			"(2 rows)\n"},
		{"csv", func(b *bytes.Buffer, r *ConsoleResult) error { return WriteCSV(b, r) }, "" +
			"id,name,share,note,day,xs,s,amount,ok\n" +
			"1,丰塔乡,2.5,,2024-03-01,\"[1,2]\",\"{\"\"a\"\":\"\"x\"\"}\",12.3,true\n" +
			"22,\"a,\"\"b\"\"\",-0.125,n,2025-12-31,[],\"{\"\"a\"\":null}\",0,false\n"},
		{"json", func(b *bytes.Buffer, r *ConsoleResult) error { return WriteJSON(b, r) }, "[\n" +
			`{"id":1,"name":"丰塔乡","share":2.5,"note":null,"day":"2024-03-01","xs":[1,2],"s":{"a":"x"},"amount":12.3,"ok":true},` + "\n" +
			`{"id":22,"name":"a,\"b\"","share":-0.125,"note":"n","day":"2025-12-31","xs":[],"s":{"a":null},"amount":0,"ok":false}` + "\n]\n"},
	} {
		var b bytes.Buffer
		if err := tc.write(&b, res); err != nil {
			t.Fatal(err)
		}
		if b.String() != tc.want {
			t.Errorf("%s:\n%s\nwant:\n%s", tc.name, b.String(), tc.want)
		}
	}
	var b bytes.Buffer
	WriteJSON(&b, &ConsoleResult{Columns: []string{"a"}, Types: []string{"INTEGER"}, Rows: [][]any{}})
	if b.String() != "[]\n" {
		t.Errorf("empty JSON = %q", b.String())
	}
}

func TestFormatValue(t *testing.T) {
	tenth := 0.1
	for _, tc := range []struct {
		v    any
		typ  string
		want string
	}{
		{nil, "INTEGER", "NULL"},
		{tenth + 0.2, "DOUBLE", "0.30000000000000004"},
		{1e20, "DOUBLE", "1e+20"},
		{math.NaN(), "DOUBLE", "NaN"},
		{math.Inf(-1), "DOUBLE", "-Infinity"},
		{big.NewInt(12345678901), "HUGEINT", "12345678901"},
		{duckdb.Decimal{Width: 6, Scale: 2, Value: big.NewInt(-5)}, "DECIMAL(6,2)", "-0.05"},
		{time.Date(2024, 3, 1, 13, 4, 5, 0, time.UTC), "TIMESTAMP", "2024-03-01 13:04:05"},
		{time.Date(1, 1, 1, 9, 30, 0, 0, time.UTC), "TIME", "09:30:00"},
		{[]byte{0xff, 0x00, 'a'}, "BLOB", `\xFF\x00a`},
		{[]any{"a", nil}, "VARCHAR[]", `["a",null]`},
	} {
		if got := FormatValue(tc.v, tc.typ); got != tc.want {
			t.Errorf("FormatValue(%v, %s) = %q, want %q", tc.v, tc.typ, got, tc.want)
		}
	}
	if v := JSONValue(math.Inf(1), "DOUBLE"); v != "Infinity" {
		t.Errorf("JSONValue(+Inf) = %v", v)
	}
}

func TestOpenReadOnly(t *testing.T) {
	if _, err := OpenReadOnly(ctx, t.TempDir()+"/absent.duckdb"); err == nil || !strings.Contains(err.Error(), "xxgk ingest") {
		t.Errorf("a missing file gave %v", err)
	}
	// The handle refuses to lift its own settings, even outside the console.
	if _, err := demoDB.Exec("SET enable_external_access = true"); err == nil {
		t.Error("the read-only handle let a query change its settings")
	}
}

func TestRunSQLByteBudget(t *testing.T) {
	for _, tc := range []struct {
		name, query string
		opt         ConsoleOptions
		rows        int
		cutBy       string
		bytes       int64
	}{
		{"cut by bytes", "SELECT repeat('x', 100) AS s FROM range(50)", ConsoleOptions{MaxBytes: 1000}, 10, CutBytes, 1000},
		{"one row over the budget", "SELECT repeat('x', 2000) AS s", ConsoleOptions{MaxBytes: 1000}, 0, CutBytes, 0},
		{"a huge value is never materialised", "SELECT repeat('x', 10000000) AS s FROM range(100)", ConsoleOptions{MaxBytes: 1 << 20}, 0, CutBytes, 0},
		{"rows first", "SELECT repeat('x', 10) AS s FROM range(50)", ConsoleOptions{MaxRows: 5, MaxBytes: 1000}, 5, CutRows, 50},
		{"within both", "SELECT repeat('x', 10) AS s, NULL AS n FROM range(5)", ConsoleOptions{MaxRows: 5, MaxBytes: 70}, 5, "", 70},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := RunSQL(ctx, demoDB, tc.query, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Rows) != tc.rows || res.RowCount != tc.rows || res.CutBy != tc.cutBy || res.Truncated != (tc.cutBy != "") || res.Bytes != tc.bytes {
				t.Errorf("%d rows (RowCount %d), cut by %q (truncated %v), %d bytes; want %d rows, cut by %q, %d bytes",
					len(res.Rows), res.RowCount, res.CutBy, res.Truncated, res.Bytes, tc.rows, tc.cutBy, tc.bytes)
			}
			if len(res.Columns) != len(res.Types) || res.Columns[0] != "s" {
				t.Errorf("columns %v %v", res.Columns, res.Types)
			}
		})
	}
	res, err := RunSQL(ctx, demoDB, "SELECT repeat('x', 100) FROM range(50)", ConsoleOptions{MaxBytes: 1 << 10})
	if err != nil {
		t.Fatal(err)
	}
	want := "(first 10 rows: the result has more than 1 KB; narrow the query or raise the byte limit)"
	if got := RowCount(res); got != want {
		t.Errorf("RowCount = %q, want %q", got, want)
	}
}

// TestRunSQLKeepsOrder: the wrapper that counts bytes keeps the analyst's
// ORDER BY over a large result.
func TestRunSQLKeepsOrder(t *testing.T) {
	const n = 200_000
	res, err := RunSQL(ctx, demoDB, "SELECT range AS n FROM range(200000) ORDER BY n DESC", ConsoleOptions{MaxRows: n})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != n || res.Truncated {
		t.Fatalf("%d rows, truncated %v", len(res.Rows), res.Truncated)
	}
	for i, row := range res.Rows {
		if row[0] != int64(n-1-i) {
			t.Fatalf("row %d is %v, want %d", i, row[0], n-1-i)
		}
	}
}
