package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"xxgk/ingest/schema"
)

func TestBenchFigureLine(t *testing.T) {
	for _, tc := range []struct {
		f    benchFigure
		want string
	}{
		{benchFigure{"ingest_reports_per_s", 3125, "reports/s", "≥ 3,100"}, "ingest_reports_per_s: 3125 reports/s (target ≥ 3,100)"},
		{benchFigure{"page_warm_p99_ms", 12.5, "ms", "≤ 20"}, "page_warm_p99_ms: 12.5 ms (target ≤ 20)"},
		{benchFigure{"corpus_reports", 415, "reports", ""}, "corpus_reports: 415 reports"},
	} {
		if got := tc.f.String(); got != tc.want {
			t.Errorf("%q, want %q", got, tc.want)
		}
	}
}

func TestLatencyQuantiles(t *testing.T) {
	var l latencies
	for i := 100; i >= 1; i-- { // out of order on purpose
		l.add(time.Duration(i)*time.Millisecond, nil)
	}
	l.add(0, errors.New("status 503"))
	for _, tc := range []struct {
		q    float64
		want time.Duration
	}{{0.5, 51 * time.Millisecond}, {0.99, 100 * time.Millisecond}, {0, time.Millisecond}} {
		if got := l.p(tc.q); got != tc.want {
			t.Errorf("p(%g) = %v, want %v", tc.q, got, tc.want)
		}
	}
	if l.count() != 101 || l.errors != 1 || len(l.first) != 1 {
		t.Errorf("count %d, errors %d, first %v", l.count(), l.errors, l.first)
	}
}

// TestWideRoutes: the wider first hits are every page of the province, its
// city and the year before for the country and the province, two townships'
// pages, a search, the index and the definitions; pOf takes their times alone,
// the townships' pages under their one kind.
func TestWideRoutes(t *testing.T) {
	routes := benchWideRoutes([][]any{{"甲省", "乙市", "2024"}}, [][]any{{"丙县", "丁镇"}, {"戊县", "己乡"}})
	want := []string{
		"/?province=%E7%94%B2%E7%9C%81",
		"/quality?city=%E4%B9%99%E5%B8%82&province=%E7%94%B2%E7%9C%81",
		"/counties?year=2024",
		"/requests?province=%E7%94%B2%E7%9C%81&year=2024",
		"/township?county=%E4%B8%99%E5%8E%BF&town=%E4%B8%81%E9%95%87",
		"/search?q=%E4%B8%81%E9%95%87",
		"/township?county=%E6%88%8A%E5%8E%BF&town=%E5%B7%B1%E4%B9%A1",
		"/township",
		"/definitions",
	}
	if len(routes) != 4*7+2+1+2 {
		t.Errorf("%d routes, want 33: %v", len(routes), routes)
	}
	for _, w := range want {
		if !slices.Contains(routes, w) {
			t.Errorf("no route %s", w)
		}
	}
	l := latencies{byRoute: map[string][]time.Duration{}}
	for i, r := range append([]string{"/?county=X", "/rankings"}, routes...) {
		l.byRoute[routeKind(r)] = append(l.byRoute[routeKind(r)], time.Duration(i)*time.Millisecond)
	}
	if got := l.pOf(routes, 0); got != 2*time.Millisecond {
		t.Errorf("pOf's least time %v, want 2ms (the county's and the whole country's routes left out)", got)
	}
	if got := l.pOf(routes, 0.99); got != 34*time.Millisecond {
		t.Errorf("pOf's p99 %v, want 34ms", got)
	}
	if n := len(l.byRoute["/township?county=C"]); n != 2 {
		t.Errorf("%d township pages under their kind, want 2", n)
	}
}

// TestFiguresCSV checks the baseline's input: one row per answer, the
// canonical keys as columns, a figure not printed left empty.
func TestFiguresCSV(t *testing.T) {
	out := filepath.Join(t.TempDir(), "figures.csv")
	answers := "../../fixtures/demo/answers.jsonl"
	n, err := writeFiguresCSV(answers, out)
	if err != nil {
		t.Fatal(err)
	}
	if n != 479 {
		t.Errorf("writeFiguresCSV counted %d reports, want the demo's 479", n)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(bufio.NewReader(f)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(answers)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Count(string(b), "\n") + 1; len(rows) != want {
		t.Errorf("%d rows, want %d (a header and one per answer)", len(rows), want)
	}
	if len(rows[0]) != len(schema.AllKeys())+1 || rows[0][0] != "report_id" || rows[0][1] != schema.AllKeys()[0] {
		t.Errorf("header %v", rows[0][:3])
	}
	if rows[1][0] != "1" || rows[len(rows)-1][0] != "479" {
		t.Errorf("report ids %s…%s", rows[1][0], rows[len(rows)-1][0])
	}
}

// TestIngestDatabaseLine checks that bench reads the database time xxgk
// ingest prints (m_flags' step when there is one), and refuses output
// without it.
func TestIngestDatabaseLine(t *testing.T) {
	for _, c := range []struct {
		stderr string
		want   databaseTimes
	}{
		{"regions: 3 added\ndatabase: 1m2.5s of the run (materialised tables 250ms, copied prose 1.5s)\n",
			databaseTimes{62500 * time.Millisecond, 250 * time.Millisecond, 1500 * time.Millisecond, 0}},
		{"database: 1m2.5s of the run (materialised tables 250ms, copied prose 1.5s)\n" +
			"step: materialised tables 250ms (CPU 300ms)\nstep: m_flags 8.327s (CPU 9.32s)\nstep: checkpoint 180ms (CPU 192ms)\n",
			databaseTimes{62500 * time.Millisecond, 250 * time.Millisecond, 1500 * time.Millisecond, 8327 * time.Millisecond}},
	} {
		got, err := measured{stderr: c.stderr}.database()
		if err != nil || got != c.want {
			t.Errorf("database() of %q = %+v, %v; want %+v", c.stderr, got, err, c.want)
		}
	}
	if _, err := (measured{stderr: "run 1 into x.duckdb"}).database(); err == nil {
		t.Error("no database line: no error")
	}
}

// TestCountyBatch checks the batch is one county's text reports of the
// latest year.
func TestCountyBatch(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"省/甲县/一镇-2024.txt", "省/甲县/一镇-2025.html", "省/乙县/二镇-2025.txt", "省/乙县/三镇-2025.txt", "省/乙县/三镇-2024.txt"} {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := countyBatch(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "省/乙县/三镇-2025.txt"), filepath.Join(dir, "省/乙县/二镇-2025.txt")}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("countyBatch = %v, want %v", got, want)
	}
}

// A crashed server's stderr keeps the fatal error's first line and the
// dump's end, whatever lies between.
func TestBytesTailKeepsHeadAndTail(t *testing.T) {
	head := "fatal error: out of memory\n"
	middle := strings.Repeat("goroutine 1 [running]:\n", 400)
	end := "created by main.main\n"
	cases := []struct {
		name   string
		writes []string
		want   string
	}{
		{"short", []string{"a", "b"}, "ab"},
		{"exactly the head", []string{strings.Repeat("x", bytesTailKeep)}, strings.Repeat("x", bytesTailKeep)},
		{"long", []string{head, middle, end}, (head + middle)[:bytesTailKeep] + "\n…\n" + (head + middle + end)[len(head+middle+end)-bytesTailKeep:]},
	}
	for _, c := range cases {
		var tail bytesTail
		for _, w := range c.writes {
			if n, err := tail.Write([]byte(w)); n != len(w) || err != nil {
				t.Fatalf("%s: Write = %d, %v", c.name, n, err)
			}
		}
		if got := tail.String(); got != c.want {
			t.Errorf("%s: got %d bytes %.40q…, want %d bytes %.40q…", c.name, len(got), got, len(c.want), c.want)
		}
	}
}

// TestLoadIngestedTables: DuckDB's own load of every table the ingest
// wrote runs on a database xxgk ingest made, and leaves nothing behind in
// the work folder but that database.
func TestLoadIngestedTables(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.duckdb")
	var stdout, stderr strings.Builder
	if code := runIngest(context.Background(), []string{"--db", db, "../../fixtures/demo"}, &stdout, &stderr); code != 0 {
		t.Fatalf("ingest: %d: %s", code, stderr.String())
	}
	took, err := loadIngestedTables(context.Background(), db, dir)
	if err != nil || took <= 0 {
		t.Fatalf("loadIngestedTables = %v, %v", took, err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, e := range entries {
		left = append(left, e.Name())
	}
	if got := strings.Join(left, " "); got != "x.duckdb" {
		t.Errorf("the work folder holds %s, want x.duckdb alone", got)
	}
}
