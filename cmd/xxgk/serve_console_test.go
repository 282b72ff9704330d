package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"xxgk/dashboard"
	sqlfiles "xxgk/sql"
)

// consoleTimeout is the console's timeout where the tests see a runaway
// query cancelled: short, so that it is seen quickly.
const consoleTimeout = 2 * time.Second

// consoleGuard is the console's timeout everywhere else: a guard, not a
// bound any query is expected to meet, so that a query that must answer
// is not cut by a busy machine.
const consoleGuard = 10 * time.Minute

// consoleServer serves the dashboard over the shared demo database with a
// console that runs one query at a time.
func consoleServer(t *testing.T) *httptest.Server {
	t.Helper()
	return consoleServerWith(t, consoleGuard, io.Discard)
}

// consoleServerWith is consoleServer with the console's timeout and the
// server's log.
func consoleServerWith(t *testing.T, timeout time.Duration, logTo io.Writer) *httptest.Server {
	t.Helper()
	demoDashboard(t)
	log := slog.New(slog.NewTextHandler(logTo, nil))
	h, err := newDashboard(context.Background(), demoDB.db, log,
		dashboard.ConsoleOptions{Timeout: timeout, Concurrent: 1})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r)
		if r.URL.Path == "/api/sql" && r.Context().Err() != nil {
			// The console's place is freed before its handler returns.
			fmt.Fprintln(logTo, consoleGone)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// consoleGone is logged (consoleServerWith) when a console request whose
// client went away has ended.
const consoleGone = "test: a console request ended after its client went away"

// consoleAnswer is POST /api/sql's answer, success or failure.
type consoleAnswer struct {
	Columns []struct {
		Name    string `json:"name"`
		Numeric bool   `json:"numeric"`
	} `json:"columns"`
	Rows      [][]any `json:"rows"`
	RowCount  int     `json:"row_count"`
	Truncated bool    `json:"truncated"`
	Error     string  `json:"error"`
	Kind      string  `json:"kind"`
	Message   string  `json:"message"`
}

// runConsole posts a query to the console and returns the status, the
// answer and how long it took.
func runConsole(t *testing.T, base, query string) (int, consoleAnswer, time.Duration) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"sql": query})
	start := time.Now()
	res, err := http.Post(base+"/api/sql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var a consoleAnswer
	raw, _ := io.ReadAll(res.Body)
	if err := json.Unmarshal(raw, &a); err != nil {
		t.Fatalf("not JSON (%d): %.300s", res.StatusCode, raw)
	}
	return res.StatusCode, a, time.Since(start)
}

// TestConsoleHostile: each query an attacker or a careless analyst might
// send is refused or bounded with a clear message, by DuckDB's read-only,
// locked handle and the console engine, and the dashboard answers after
// each. Nothing is written anywhere.
func TestConsoleHostile(t *testing.T) {
	srv := consoleServer(t)
	dir := t.TempDir() // where a leak would write
	path := func(name string) string { return "'" + filepath.Join(dir, name) + "'" }
	const (
		refused  = dashboard.SQLRefused
		failed   = dashboard.SQLFailed
		notOne   = "only one SELECT statement is allowed"
		noFiles  = "file system operations are disabled by configuration"
		tooLarge = "查询过长"
	)
	for _, tc := range []struct {
		name, sql  string
		status     int
		kind, want string
	}{
		{"read_csv /etc/passwd", "SELECT * FROM read_csv('/etc/passwd')", 400, failed, noFiles},
		{"a file as a table", "SELECT * FROM '/etc/hosts.csv'", 400, failed, noFiles},
		{"a file without extension as a table", "SELECT * FROM '/etc/passwd'", 400, failed, "Table with name /etc/passwd does not exist"},
		{"read_text", "SELECT content FROM read_text('/etc/passwd')", 400, failed, noFiles},
		{"read_blob", "SELECT content FROM read_blob('/etc/*')", 400, failed, noFiles},
		{"glob", "SELECT * FROM glob('/*')", 400, failed, noFiles},
		{"sniff_csv", "SELECT * FROM sniff_csv('/etc/passwd')", 400, failed, noFiles},
		{"a remote file", "SELECT * FROM read_parquet('https://example.com/x.parquet')", 400, failed, noFiles},
		{"a file inside query()", "SELECT * FROM query('SELECT * FROM read_text(''/etc/passwd'')')", 400, failed, noFiles},
		{"COPY TO", "COPY reports TO " + path("reports.csv"), 400, refused, notOne},
		{"COPY query TO", "COPY (SELECT * FROM report_figures) TO " + path("figures.parquet"), 400, refused, notOne},
		{"EXPORT DATABASE", "EXPORT DATABASE " + path("export"), 400, refused, notOne},
		{"ATTACH", "ATTACH " + path("other.duckdb") + " AS other", 400, refused, notOne},
		{"INSTALL", "INSTALL httpfs", 400, refused, notOne},
		{"LOAD", "LOAD httpfs", 400, refused, notOne},
		{"SET", "SET enable_external_access = true", 400, refused, notOne},
		{"SET lock", "SET lock_configuration = false", 400, refused, notOne},
		{"RESET", "RESET memory_limit", 400, refused, notOne},
		{"PRAGMA", "PRAGMA threads = 64", 400, refused, notOne},
		{"CREATE", "CREATE TABLE stolen AS SELECT * FROM reports", 400, refused, notOne},
		{"CREATE TEMP", "CREATE TEMP TABLE t AS SELECT 1", 400, refused, notOne},
		{"INSERT", "INSERT INTO regions VALUES ('a', 'b', 'c', 'd', 'e', 'f')", 400, refused, notOne},
		{"UPDATE", "UPDATE reports SET year = 1900", 400, refused, notOne},
		{"DELETE", "DELETE FROM reports", 400, refused, notOne},
		{"DROP", "DROP VIEW rankings", 400, refused, notOne},
		{"a write inside query()", "SELECT * FROM query('DROP TABLE reports')", 400, failed, "Expected a single SELECT statement"},
		{"two statements", "SELECT 1; SELECT 2", 400, refused, "2 statements: only one SELECT statement is allowed"},
		{"a select, then a drop", "SELECT 1; DROP TABLE reports", 400, refused, notOne},
		{"1 MB of text", "SELECT 1 -- " + strings.Repeat("x", 1<<20), 413, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, a, _ := runConsole(t, srv.URL, tc.sql)
			if status != tc.status || a.Kind != tc.kind || !strings.Contains(a.Message, tc.want) || a.Error == "" {
				t.Errorf("%d %+v; want %d, kind %q, a message with %q", status, a, tc.status, tc.kind, tc.want)
			}
			if tc.status == 413 && !strings.Contains(a.Error, tooLarge) {
				t.Errorf("413 says %q", a.Error)
			}
			if code, _ := fetch(t, srv.URL+"/"); code != 200 {
				t.Errorf("the overview after it: %d", code)
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("files were written: %v", entries)
	}
	// Values that used to crash the server (a Go stack overflow between
	// FormatValue and JSONValue): a map, and the catalog of functions with
	// maps and lists in every row.
	for _, q := range []string{"SELECT map {'a': 1} AS m", "SELECT * FROM duckdb_functions()"} {
		if status, a, _ := runConsole(t, srv.URL, q); status != 200 || len(a.Rows) == 0 {
			t.Errorf("%s: %d %+v", q, status, a.Error)
		}
	}
	status, a, _ := runConsole(t, srv.URL, "SELECT count(*) AS n, count(DISTINCT year) AS years FROM reports")
	if status != 200 || len(a.Rows) != 1 || a.Rows[0][0] != float64(479) {
		t.Errorf("after the hostile queries reports has %v rows (%d)", a.Rows, status)
	}
}

// runawayQueries would run for hours.
var runawayQueries = []struct{ name, sql string }{
	{"a cross join", "SELECT count(*) FROM report_figures a, report_figures b, report_figures c"},
	{"a sorted cross join", "SELECT * FROM report_figures a, report_figures b ORDER BY random()"},
	{"a recursive CTE without end", "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT max(n) FROM t"},
	{"a recursive CTE doubling each step", "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t, range(2)) SELECT count(*) FROM t"},
}

// TestConsoleBounds: a result of millions of rows is cut at the row cap;
// queries that would run for hours are cancelled at the timeout with the
// console's message; after, the console works again.
func TestConsoleBounds(t *testing.T) {
	srv := consoleServer(t)
	for _, tc := range []struct{ name, sql string }{
		{"millions of rows", "SELECT range AS n, range % 7 AS m FROM range(50000000)"},
		{"an endless recursive CTE, streamed", "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT n FROM t"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, a, took := runConsole(t, srv.URL, tc.sql)
			if status != 200 || a.RowCount != dashboard.DefaultSQLMaxRows || len(a.Rows) != a.RowCount || !a.Truncated {
				t.Errorf("%d: %d rows, truncated %v, %s", status, a.RowCount, a.Truncated, a.Error)
			}
			t.Logf("%d rows, cut, in %v", a.RowCount, took)
		})
	}
	srv = consoleServerWith(t, consoleTimeout, io.Discard)
	for _, tc := range runawayQueries {
		t.Run(tc.name, func(t *testing.T) {
			// One query at a time, and each answer comes after its console
			// place is freed: nothing else holds it now.
			status, a, took := runConsole(t, srv.URL, tc.sql)
			if status != 400 || a.Kind != dashboard.SQLTimeout || !strings.Contains(a.Error, "查询超过时限，已取消") ||
				!strings.Contains(a.Message, "longer than 2s") {
				t.Errorf("%d %+v; want a timeout", status, a)
			}
			t.Logf("cancelled after %v", took)
			if status, a, _ := runConsole(t, srv.URL, "SELECT 1"); status != 200 {
				t.Errorf("the console after the timeout: %d %+v", status, a)
			}
		})
	}
}

// TestConsoleBusy: while a query runs, a second console query is refused
// as busy and the dashboard answers; the query runs on (no timeout ends
// it here) until its client goes away, which cancels it and frees the
// console. No timing decides the outcome: the query cannot end before the
// test ends it.
func TestConsoleBusy(t *testing.T) {
	var log syncBuffer
	srv := consoleServerWith(t, consoleGuard, &log)
	for _, tc := range runawayQueries {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			cancelled := strings.Count(log.String(), `err="context canceled"`)
			gone := strings.Count(log.String(), consoleGone)
			done := make(chan int, 1)
			go func() {
				// The probes below may hold the only place for a moment:
				// ask again while the console is busy with them.
				for range 10_000 {
					if status := consoleStatus(ctx, srv.URL, tc.sql); status != 503 {
						done <- status
						return
					}
				}
				done <- 503
			}()
			// The query runs once a second one is refused as busy.
			busy := false
			for range 10_000 {
				status, a, _ := runConsole(t, srv.URL, "SELECT 1")
				if busy = status == 503; busy {
					if !strings.Contains(a.Error, "SQL 控制台正忙") {
						t.Errorf("busy: %+v", a)
					}
					break
				}
			}
			if !busy {
				select {
				case status := <-done:
					t.Fatalf("a second query was never refused; the first ended: %d", status)
				default:
					t.Fatal("a second query was never refused while the first ran")
				}
			}
			dashboardAnswers(t, srv.URL)
			select {
			case status := <-done:
				t.Fatalf("the query ended (%d) before its client went away", status)
			default:
			}
			cancel()
			if status := <-done; status != 0 {
				t.Errorf("the query answered %d after its client went away", status)
			}
			// The server cancels it (its log says so) and frees the place.
			guard := untilTestDeadline(t)
			for strings.Count(log.String(), `err="context canceled"`) == cancelled || strings.Count(log.String(), consoleGone) == gone {
				select {
				case <-log.written():
				case <-guard.Done():
					t.Fatalf("the server did not cancel the query when its client went away:\n%s", log.String())
				}
			}
			if status, a, _ := runConsole(t, srv.URL, "SELECT 1"); status != 200 {
				t.Errorf("the console after the cancelled query: %d %+v", status, a)
			}
		})
	}
}

// consoleStatus sends a console query under ctx and returns its status, or 0
// when the request ended without an answer.
func consoleStatus(ctx context.Context, base, query string) int {
	body, _ := json.Marshal(map[string]string{"sql": query})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/sql", bytes.NewReader(body))
	if err != nil {
		return 0
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0
	}
	defer res.Body.Close()
	if _, err := io.Copy(io.Discard, res.Body); err != nil {
		return 0
	}
	return res.StatusCode
}

// dashboardAnswers checks that pages and API routes, some of them read
// from DuckDB on first request, answer (how fast is for the benchmarks).
func dashboardAnswers(t *testing.T, base string) {
	t.Helper()
	var wg sync.WaitGroup
	var mu sync.Mutex
	var slowest time.Duration
	for _, path := range []string{"/", "/rankings?year=2021&metric=decisions", "/requests?year=2020",
		"/api/search?q=" + url.QueryEscape("街道"), "/township?county=" + url.QueryEscape("茶庄县") + "&town=" + url.QueryEscape("槐陵镇")} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			res, err := http.Get(base + path)
			if err != nil {
				t.Error(err)
				return
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			took := time.Since(start)
			if res.StatusCode != 200 {
				t.Errorf("%s while a console query runs: %d after %v", path, res.StatusCode, took)
			}
			mu.Lock()
			slowest = max(slowest, took)
			mu.Unlock()
		}()
	}
	wg.Wait()
	t.Logf("the dashboard answered within %v while the query ran", slowest)
}

// TestConsoleHandleRefuses: the handle itself, without the console's
// checks, refuses every statement the console refuses: the safety is
// DuckDB's (access_mode=READ_ONLY, enable_external_access=false,
// lock_configuration=true), not the engine's.
func TestConsoleHandleRefuses(t *testing.T) {
	demoDashboard(t)
	dir := t.TempDir()
	path := func(name string) string { return "'" + filepath.Join(dir, name) + "'" }
	for _, stmt := range []string{
		"COPY reports TO " + path("reports.csv"),
		"EXPORT DATABASE " + path("export"),
		"ATTACH " + path("other.duckdb") + " AS other",
		"INSTALL httpfs", "LOAD httpfs",
		"SET enable_external_access = true", "SET lock_configuration = false", "RESET memory_limit", "PRAGMA threads = 64",
		"CREATE TABLE stolen AS SELECT 1", "INSERT INTO regions VALUES ('a', 'b', 'c', 'd', 'e', 'f')",
		"UPDATE reports SET year = 1900", "DELETE FROM reports", "DROP VIEW rankings",
		"SELECT * FROM read_text('/etc/passwd')",
	} {
		_, err := demoDB.db.ExecContext(context.Background(), stmt)
		if err == nil || !containsAny(err.Error(), "disabled by configuration", "read-only mode", "configuration has been locked",
			"disabled through configuration") {
			t.Errorf("%s: %v", stmt, err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("files were written: %v", entries)
	}
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// TestConsoleExamples: every example query of the console runs on the
// demo database and answers its question with rows.
func TestConsoleExamples(t *testing.T) {
	srv := consoleServer(t)
	examples, err := sqlfiles.Examples()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		rows   int    // 0: any number but none
		first  string // the first column's name
		number string // a numeric column to chart
	}{
		"top_grant_rate":        {10, "名次", "公开率百分比"},
		"zero_activity_streaks": {0, "乡镇", "连续年数"},
		"arithmetic_by_county":  {3, "县区", "算术不符报告数"},
		"yearly_totals":         {7, "年份", "报告数"},
	}
	for _, ex := range examples {
		t.Run(ex.Name, func(t *testing.T) {
			status, a, took := runConsole(t, srv.URL, ex.SQL)
			if status != 200 || a.RowCount == 0 || a.Truncated {
				t.Fatalf("%d: %d rows, %s %s", status, a.RowCount, a.Error, a.Message)
			}
			numeric := map[string]bool{}
			for _, c := range a.Columns {
				numeric[c.Name] = c.Numeric
			}
			if w, ok := want[ex.Name]; ok && (w.rows != 0 && a.RowCount != w.rows || a.Columns[0].Name != w.first || !numeric[w.number]) {
				t.Errorf("%d rows, columns %+v; want %d rows, first %s, %s numeric", a.RowCount, a.Columns, w.rows, w.first, w.number)
			}
			t.Logf("%s: %d rows in %v", ex.Title, a.RowCount, took)
		})
	}
}
