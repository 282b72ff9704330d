package analytics

import (
	"errors"
	"strings"
	"testing"
)

// TestRunSQLErrorPositions: an error in the analyst's text says where it
// is, in that text (never in the console's wrapper), as DuckDB pictures it.
func TestRunSQLErrorPositions(t *testing.T) {
	for _, tc := range []struct {
		name, query string
		want        string // in the message
		line, col   int
		picture     string // the line DuckDB shows, "" for none
	}{
		{"syntax", "SELEC 1", `Parser Error: syntax error at or near "SELEC"`, 1, 1, "LINE 1: SELEC 1\n        ^"},
		{"syntax on line 3", "SELECT township\nFROM reports\nWHERE year = = 2024", "syntax error", 3, 14, "LINE 3: WHERE year = = 2024\n                     ^"},
		{"end of input", "SELECT 1 FROM (SELECT", "syntax error at end of input", 1, 22, "LINE 1: SELECT 1 FROM (SELECT\n                             ^"},
		{"syntax after Chinese", "SELECT '乡镇' AS 乡 FROM WHERE", "syntax error", 1, 23, "LINE 1: SELECT '乡镇' AS 乡 FROM WHERE\n" + strings.Repeat(" ", 33) + "^"},
		{"unknown column", "SELECT township,\n  nosuch\nFROM reports", `Referenced column "nosuch" not found`, 2, 3, "LINE 2:   nosuch\n          ^"},
		{"unknown column after Chinese", "SELECT '乡镇' AS 乡, nosuch FROM reports", "nosuch", 1, 19, ""},
		{"unknown table", "SELECT * FROM reprots", "Table with name reprots does not exist", 1, 15, "LINE 1: SELECT * FROM reprots"},
		{"wrong types", "SELECT sum(township) FROM reports", "No function matches", 1, 8, ""},
		{"at run time", "SELECT CAST(township AS INTEGER) FROM reports", "Conversion Error", 0, 0, ""},
		{"file access", "SELECT * FROM read_csv('/etc/passwd')", "disabled by configuration", 1, 15, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := RunSQL(ctx, demoDB, tc.query, ConsoleOptions{})
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("RunSQL = %v, want a QueryError", err)
			}
			if !strings.Contains(qe.Msg, tc.want) || strings.Contains(qe.Msg, "query(CAST(?") || strings.Contains(qe.Msg, "Run an analyst") {
				t.Errorf("message %q: want %q and nothing of the wrapper", qe.Msg, tc.want)
			}
			if qe.Line != tc.line || qe.Column != tc.col {
				t.Errorf("position %d:%d, want %d:%d in %q", qe.Line, qe.Column, tc.line, tc.col, qe.Msg)
			}
			if tc.picture != "" && !strings.Contains(qe.Msg, tc.picture) {
				t.Errorf("message %q lacks the picture %q", qe.Msg, tc.picture)
			}
			if tc.line == 0 && strings.Contains(qe.Msg, "LINE ") {
				t.Errorf("message %q has a picture but no position", qe.Msg)
			}
		})
	}
}

// TestDuckDBPosition reads positions out of DuckDB's pictures, including
// one cut at both ends around a long line of Chinese.
func TestDuckDBPosition(t *testing.T) {
	long := "  township, '" + strings.Repeat("乡镇", 25) + "' AS x, nosuch, '" + strings.Repeat("a", 100) + "' FROM reports"
	query := "SELECT 1,\n  2,\n" + long
	msg := "Binder Error: Referenced column \"nosuch\" not found in FROM clause!\n\n" +
		"LINE 3: ..." + strings.Repeat("乡镇", 13) + "' AS x, nosuch, '" + strings.Repeat("a", 50) + "...\n" +
		strings.Repeat(" ", 71) + "^"
	wantCol := len([]rune(long[:strings.Index(long, "nosuch")])) + 1
	if line, col := duckdbPosition(msg, query); line != 3 || col != wantCol {
		t.Errorf("position %d:%d, want 3:%d", line, col, wantCol)
	}
	for _, bad := range []string{"no picture", "x\n\nLINE 9: y\n        ^"} {
		if line, col := duckdbPosition(bad, query); line != 0 || col != 0 {
			t.Errorf("%q: position %d:%d, want none", bad, line, col)
		}
	}
	// errorContext cuts a long line the same way and puts the caret under the error.
	picture, line, col := errorContext(query, len([]rune("SELECT 1,\n  2,\n"))+wantCol-1)
	if line != 3 || col != wantCol {
		t.Errorf("errorContext position %d:%d, want 3:%d", line, col, wantCol)
	}
	if l, c := duckdbPosition("Parser Error: x"+picture, query); l != 3 || c != wantCol {
		t.Errorf("errorContext's picture %q reads back as %d:%d", picture, l, c)
	}
	if !strings.Contains(picture, "LINE 3: ...") || !strings.HasSuffix(strings.Split(picture, "\n")[2], "...") {
		t.Errorf("errorContext did not cut the long line: %q", picture)
	}
}

// TestConsoleSchema: the views and tables with their columns, from DuckDB.
func TestConsoleSchema(t *testing.T) {
	tables, err := ConsoleSchema(ctx, demoDB)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]SchemaTable{}
	sawTable := false
	for _, tb := range tables {
		byName[tb.Name] = tb
		if !tb.View {
			sawTable = true
		} else if sawTable {
			t.Errorf("view %s listed after a table", tb.Name)
		}
	}
	r, ok := byName["rankings"]
	if !ok || !r.View || r.Columns[0] != (SchemaColumn{"year", "INTEGER"}) || len(r.Columns) != 20 {
		t.Errorf("rankings: %+v", r)
	}
	if f := byName["figures"]; f.View || len(f.Columns) < 200 || f.Columns[0].Name != "report_id" {
		t.Errorf("figures: view %v, %d columns", f.View, len(f.Columns))
	}
	// The long view is listed; the table it reads is not (the page's weight).
	if f := byName["report_figures"]; !f.View || len(f.Columns) != 9 || f.Columns[7] != (SchemaColumn{"key", "VARCHAR"}) {
		t.Errorf("report_figures: %+v", f)
	}
	if _, ok := byName["m_report_figures"]; ok {
		t.Error("m_report_figures is listed")
	}
}
