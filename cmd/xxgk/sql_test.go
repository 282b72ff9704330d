package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestSQLCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "seed.duckdb")
	if code, _, errOut := runXXGK(t, "ingest", "--db", db, "../../fixtures/seed/danzhu-2020.txt"); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errOut)
	}
	const query = "SELECT org, county, year, proactive_items, s2_active FROM proactive"

	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"table", []string{"sql", "--db", db, query}, "" +
			"org             county  year  proactive_items  s2_active\n" +
			"--------------  ------  ----  ---------------  ---------\n" +
			"丹朱镇人民政府  NULL    2020               65  false\n" +
			"(1 row)\n"},
		{"csv", []string{"sql", "--db", db, "--csv", query}, "" +
			"org,county,year,proactive_items,s2_active\n" +
			"丹朱镇人民政府,,2020,65,false\n"},
		{"json, flags after the query", []string{"sql", query, "--db", db, "--json"}, "[\n" +
			`{"org":"丹朱镇人民政府","county":null,"year":2020,"proactive_items":65,"s2_active":false}` + "\n]\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runXXGK(t, tc.args...)
			if code != 0 || out != tc.want || errOut != "" {
				t.Errorf("exit %d, stderr %q, stdout:\n%s\nwant:\n%s", code, errOut, out, tc.want)
			}
		})
	}

	for _, tc := range []struct {
		name, query, want string
	}{
		{"failing query", "SELECT nope FROM reports", `Referenced column "nope" not found`},
		{"write", "CREATE TABLE x(a int)", "only one SELECT statement is allowed"},
		{"file read", "SELECT * FROM read_csv('/etc/passwd')", "file system operations are disabled"},
		{"two statements", "SELECT 1; SELECT 2", "2 statements"},
		{"write after a select", "SELECT 1; DROP TABLE reports", "only one SELECT statement is allowed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runXXGK(t, "sql", "--db", db, tc.query)
			if code != 1 || out != "" || !strings.Contains(errOut, tc.want) || !strings.HasPrefix(errOut, "xxgk sql: ") {
				t.Errorf("exit %d, stdout %q, stderr %q; want 1 and a message with %q", code, out, errOut, tc.want)
			}
		})
	}
	if code, out, _ := runXXGK(t, "sql", "--db", db, "--json", "SELECT count(*) AS n FROM reports"); code != 0 || !strings.Contains(out, `"n":1`) {
		t.Errorf("the refused statements changed the database: %d %q", code, out)
	}

	t.Run("an example file, a query starting with a comment", func(t *testing.T) {
		file := "../../sql/examples/04_yearly_totals.sql"
		code, out, errOut := runXXGK(t, "sql", "--db", db, "--csv", "--file", file)
		if code != 0 || !strings.HasPrefix(out, "年份,报告数,缺报数,") { // the seed report is unplaced: no rows
			t.Errorf("--file: exit %d, stdout %q, stderr %q", code, out, errOut)
		}
		code, out2, errOut := runXXGK(t, "sql", "--db", db, "--csv", "--", "-- 注释\n"+"SELECT 1 AS n")
		if code != 0 || out2 != "n\n1\n" {
			t.Errorf("after --: exit %d, stdout %q, stderr %q", code, out2, errOut)
		}
	})
	t.Run("row cap", func(t *testing.T) {
		code, out, errOut := runXXGK(t, "sql", "--db", db, "--csv", "--max-rows", "3", "FROM range(5)")
		if code != 0 || out != "range\n0\n1\n2\n" || !strings.Contains(errOut, "first 3 rows") {
			t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
		}
	})
	t.Run("usage", func(t *testing.T) {
		for _, args := range [][]string{{"sql"}, {"sql", "--csv", "--json", "SELECT 1"}, {"sql", "SELECT 1", "SELECT 2"},
			{"sql", "--file", "q.sql", "SELECT 1"}} {
			if code, _, _ := runXXGK(t, args...); code != 2 {
				t.Errorf("%q: exit %d, want 2", args, code)
			}
		}
		if code, _, errOut := runXXGK(t, "sql", "--db", filepath.Join(t.TempDir(), "none.duckdb"), "SELECT 1"); code != 1 ||
			!strings.Contains(errOut, "does not exist") {
			t.Errorf("a missing database: exit %d, %q", code, errOut)
		}
	})
}
