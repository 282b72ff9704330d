package main

import (
	"compress/gzip"
	"context"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"xxgk/dashboard"
	"xxgk/fixtures"
)

// provinceOptions is a generated province: 2,000 townships in 100
// counties. A page shows one year of its selection (plus the year before,
// for changes), so two years make every page as long as at any number of
// years, at a third of the ingest of 2019–2025 (about 4,000 reports
// instead of 13,800). Measured with 2019–2025 the heaviest pages were the
// same or a little heavier (/counties 123 KB instead of 110: a longer
// sparkline; /problems 37 KB instead of 23), all far below the limit.
var provinceOptions = fixtures.Options{Provinces: 1, Counties: 100, Towns: 20, FromYear: 2024, ToYear: 2025, Seed: 1}

// provinceDB is that province, generated and ingested once per test
// binary and removed by TestMain.
var provinceDB struct {
	once   sync.Once
	dir    string
	served *served
	err    error
}

// provinceDashboard returns the dashboard over the province database,
// building it on first use.
func provinceDashboard(tb testing.TB) http.Handler {
	tb.Helper()
	provinceDB.once.Do(func() {
		ctx := context.Background()
		if provinceDB.dir, provinceDB.err = os.MkdirTemp("", "xxgk-test-province-"); provinceDB.err != nil {
			return
		}
		if _, provinceDB.err = fixtures.Generate(ctx, provinceOptions, provinceDB.dir, nil); provinceDB.err != nil {
			return
		}
		path := filepath.Join(provinceDB.dir, "province.duckdb")
		if _, provinceDB.err = ingestCorpus(ctx, provinceDB.dir, path); provinceDB.err != nil {
			return
		}
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		provinceDB.served, provinceDB.err = openDashboard(ctx, path, log, dashboard.ConsoleOptions{})
	})
	if provinceDB.err != nil {
		tb.Fatalf("province database: %v", provinceDB.err)
	}
	return provinceDB.served.Handler
}

// closeProvince releases the province database (TestMain).
func closeProvince() {
	if provinceDB.served != nil {
		provinceDB.served.Close()
	}
	if provinceDB.dir != "" {
		os.RemoveAll(provinceDB.dir)
	}
}

// maxPage is the most a page may send, compressed or not (issue 11: no
// page over 300 KB at the national size; a page shows one year of one
// selection, so a province of 2,000 townships is the largest a page lists).
const maxPage = 300 << 10

// TestPageWeightProvince: at province size every page, with and without
// compression, sends at most 300 KB, and pages, JSON and CSV are sent
// compressed to a client that accepts it. The downloads keep every row.
func TestPageWeightProvince(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and ingests a province of 2,000 townships")
	}
	h := provinceDashboard(t)
	// A township, a county and a report of the database, from its pages.
	_, index := weigh(t, h, "/township", false)
	town := firstMatch(t, index, `href="(/township\?[^"]*town=[^"]+)"`)
	u, err := url.Parse(town)
	if err != nil {
		t.Fatal(err)
	}
	county := url.QueryEscape(u.Query().Get("county"))
	_, quality := weigh(t, h, "/quality", false)
	report := firstMatch(t, quality, `href="(/report\?id=\d+)"`)
	countyQ := "county=" + county
	paths := []string{
		"/", "/?" + countyQ, "/counties", "/rankings", "/rankings?metric=grant_rate", "/rankings?metric=activity_index&" + countyQ,
		"/township", "/township?year=2024", town, "/problems", "/problems?year=2024", "/requests", "/requests?requests-s=-requests_new",
		"/appeals", "/quality", "/definitions", "/sql", report, "/search?q=" + url.QueryEscape("镇"),
	}
	for _, path := range paths {
		raw, body := weigh(t, h, path, false)
		gz, _ := weigh(t, h, path, true)
		if raw > maxPage || gz > maxPage {
			t.Errorf("%s: %d KB, %d KB compressed; want at most %d KB", path, raw>>10, gz>>10, maxPage>>10)
		}
		if !strings.Contains(body, "</html>") {
			t.Errorf("%s: not a whole page", path)
		}
		t.Logf("%s: %d KB, %d KB compressed", path, raw>>10, gz>>10)
	}
	// Every row of a download: the requests of 2025, one per report.
	_, csv := weigh(t, h, "/export/requests.csv?year=2025", true)
	_, api := weigh(t, h, "/api/rankings?year=2025", true)
	reports := countReports(t, 2025)
	if got := strings.Count(csv, "\r\n") - 1; got != reports || reports < 1900 {
		t.Errorf("requests.csv 2025: %d rows, want %d (every report)", got, reports)
	}
	if !strings.HasPrefix(api, "{") {
		t.Errorf("/api/rankings: %.80s", api)
	}
}

// weigh GETs path from h and returns the bytes sent and the body (read
// through gzip when compressed: a page, JSON or CSV must then come
// compressed).
func weigh(t *testing.T, h http.Handler, path string, compressed bool) (int, string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	if compressed {
		req.Header.Set("Accept-Encoding", "gzip")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("%s: status %d: %.300s", path, rec.Code, rec.Body.String())
	}
	sent := rec.Body.Len()
	if !compressed {
		return sent, rec.Body.String()
	}
	if enc := rec.Header().Get("Content-Encoding"); enc != "gzip" {
		t.Fatalf("%s: Content-Encoding %q with Accept-Encoding gzip", path, enc)
	}
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return sent, string(b)
}

// firstMatch is the first submatch of re in body, unescaped.
func firstMatch(t *testing.T, body, re string) string {
	t.Helper()
	m := regexp.MustCompile(re).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no %s in the page", re)
	}
	return html.UnescapeString(m[1])
}

// countReports counts the province's reports of a year in its database.
func countReports(t *testing.T, year int) int {
	t.Helper()
	var n int
	if err := provinceDB.served.DB.QueryRow("SELECT count(*) FROM reports WHERE year = ?", year).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
