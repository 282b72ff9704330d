package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"xxgk/analytics"
	"xxgk/analytics/analyticstest"
)

// TestConsoleTypes runs a query per DuckDB type (analyticstest.TypeCases:
// maps, structs, nested lists, unions, BLOB, UUID, the big integers and
// decimals, intervals, enums, bits, dates and times) through every output
// of the web console, over the real demo database: the JSON API, the CSV
// and the XLSX download. Before, a MAP crashed the whole server with a Go
// stack overflow.
func TestConsoleTypes(t *testing.T) {
	srv := consoleServer(t)
	for _, tc := range analyticstest.TypeCases {
		t.Run(tc.Name, func(t *testing.T) {
			body := postConsole(t, srv.URL+"/api/sql", tc.Query)
			var a struct {
				Rows [][]json.RawMessage `json:"rows"`
			}
			if err := json.Unmarshal(body, &a); err != nil || len(a.Rows) != 1 || len(a.Rows[0]) != 1 {
				t.Fatalf("API: %v: %s", err, body)
			}
			if got := string(a.Rows[0][0]); got != tc.JSON {
				t.Errorf("API: %s, want %s", got, tc.JSON)
			}
			records, err := csv.NewReader(bytes.NewReader(postConsole(t, srv.URL+"/export/sql.csv", tc.Query))).ReadAll()
			if err != nil || len(records) != 2 {
				t.Fatalf("CSV: %v %q", err, records)
			}
			if got, want := records[1][0], csvText(tc); got != want {
				t.Errorf("CSV: %q, want %q", got, want)
			}
			f, err := excelize.OpenReader(bytes.NewReader(postConsole(t, srv.URL+"/export/sql.xlsx", tc.Query)))
			if err != nil {
				t.Fatalf("XLSX: %v", err)
			}
			defer f.Close()
			got, _ := f.GetCellValue("查询结果", "A2", excelize.Options{RawCellValue: true})
			if want := xlsxText(tc); got != want && !sameFloat(got, want) {
				t.Errorf("XLSX: %q, want %q", got, want)
			}
		})
	}
}

// TestSQLCommandTypes runs every type case through xxgk sql as one query
// with a column per case, as a table, CSV and JSON.
func TestSQLCommandTypes(t *testing.T) {
	db := filepath.Join(t.TempDir(), "seed.duckdb")
	if code, _, errOut := runXXGK(t, "ingest", "--db", db, "../../fixtures/seed/danzhu-2020.txt"); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errOut)
	}
	var cols []string
	for i, tc := range analyticstest.TypeCases {
		cols = append(cols, fmt.Sprintf("(%s) AS c%d", tc.Query, i))
	}
	query := "SELECT " + strings.Join(cols, ", ")
	code, out, errOut := runXXGK(t, "sql", "--db", db, "--json", query)
	var rows []map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &rows); code != 0 || err != nil || len(rows) != 1 {
		t.Fatalf("--json: exit %d, %v, %s\n%s", code, err, errOut, out)
	}
	code, out, errOut = runXXGK(t, "sql", "--db", db, "--csv", query)
	records, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(records) != 2 {
		t.Fatalf("--csv: exit %d, %v, %s", code, err, errOut)
	}
	code, table, errOut := runXXGK(t, "sql", "--db", db, query)
	if code != 0 || !strings.HasSuffix(table, "(1 row)\n") {
		t.Fatalf("table: exit %d, %s\n%s", code, errOut, table)
	}
	for i, tc := range analyticstest.TypeCases {
		if got := string(rows[0]["c"+strconv.Itoa(i)]); got != tc.JSON {
			t.Errorf("%s: JSON %s, want %s", tc.Name, got, tc.JSON)
		}
		if got, want := records[1][i], csvText(tc); got != want {
			t.Errorf("%s: CSV %q, want %q", tc.Name, got, want)
		}
		if want := strings.NewReplacer("\n", `\n`, "\r", `\r`, "\t", `\t`).Replace(tc.Text); !strings.Contains(table, want) {
			t.Errorf("%s: the table lacks %q", tc.Name, want)
		}
	}
}

// postConsole posts a query to a console route and returns the body of a
// 200 answer.
func postConsole(t *testing.T, url, query string) []byte {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"sql": query})
	res, err := http.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("%s: %d %v %.300s", url, res.StatusCode, err, b)
	}
	return bytes.TrimPrefix(b, []byte("\ufeff"))
}

// csvText is a case's value as a CSV cell: NULL empty, numbers as they are,
// text escaped when a spreadsheet would run it.
func csvText(tc analyticstest.TypeCase) string {
	switch {
	case tc.JSON == "null":
		return ""
	case analytics.IsNumericType(tc.Type):
		return tc.Text
	case strings.ContainsAny(tc.Text[:1], "=+-@\t\r"):
		return "'" + tc.Text
	}
	return tc.Text
}

// xlsxText is a case's value as a workbook stores it: a number of at most
// 15 significant digits as a number, anything else as its text.
func xlsxText(tc analyticstest.TypeCase) string {
	switch tc.JSON {
	case "null":
		return ""
	case "true":
		return "1"
	}
	if f, err := strconv.ParseFloat(tc.JSON, 64); err == nil && analytics.IsNumericType(tc.Type) {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return tc.Text
}

// sameFloat says two numbers agree to the 15 significant digits a
// workbook keeps.
func sameFloat(a, b string) bool {
	x, errA := strconv.ParseFloat(a, 64)
	y, errB := strconv.ParseFloat(b, 64)
	return errA == nil && errB == nil && strconv.FormatFloat(x, 'g', 15, 64) == strconv.FormatFloat(y, 'g', 15, 64)
}
