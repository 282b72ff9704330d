package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"xxgk/analytics"
	"xxgk/dashboard"
	"xxgk/dashboard/analyticsource"
)

// benchRoutes is every page and API route, with a typical query, plus one
// download of each format.
func benchRoutes() []string {
	town := "county=" + url.QueryEscape("平沙县") + "&town=" + url.QueryEscape("丰塔乡")
	routes := []string{
		"/", "/rankings", "/township", "/township?" + town, "/problems", "/requests", "/appeals", "/quality", "/sql",
		"/search?q=" + url.QueryEscape("乡"),
		"/?county=" + url.QueryEscape("武峰区") + "&year=2022&metric=grant_rate",
		"/api/catalog", "/api/search?q=" + url.QueryEscape("乡"),
	}
	for _, d := range []string{"headline", "rankings", "trend", "zero-activity", "missing", "problems-by-year",
		"requests", "applicants", "appeals", "appeals-by-year", "quality", "quality-by-year"} {
		routes = append(routes, "/api/"+d)
	}
	for _, d := range []string{"township-years", "township-outcomes", "township-applicants", "township-appeals", "township-checks"} {
		routes = append(routes, "/api/"+d+"?"+town)
	}
	return append(routes, "/export/rankings.csv", "/export/requests.xlsx")
}

func serve(tb testing.TB, h http.Handler, path string) {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		tb.Fatalf("%s: status %d: %.200s", path, rec.Code, rec.Body)
	}
}

// BenchmarkRoutes measures every route on the demo database, in process.
//
//	go test ./cmd/xxgk -run '^$' -bench Routes
func BenchmarkRoutes(b *testing.B) {
	h := demoDashboard(b)
	for _, path := range benchRoutes() {
		name := strings.TrimPrefix(path, "/")
		if name == "" {
			name = "overview"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				serve(b, h, path)
			}
		})
	}
}

// TestRouteLatency serves every route on the demo database, first on a
// fresh server (cold: the views computed by DuckDB) and then warm, and logs
// the times. serve fails the test on any status but 200; how fast is for
// BenchmarkRoutes and xxgk bench, not for a test on a machine that may be
// busy.
func TestRouteLatency(t *testing.T) {
	if testing.Short() {
		t.Skip("serves every route 22 times")
	}
	h := demoDashboard(t)
	src := analyticsource.New(analytics.New(demoDB.db))
	if err := src.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	fresh, err := dashboard.New(src, dashboard.Options{})
	if err != nil {
		t.Fatal(err)
	}
	const runs = 21
	var report strings.Builder
	fmt.Fprintf(&report, "%-70s %10s %10s\n", "route", "cold", "median")
	for _, path := range benchRoutes() {
		start := time.Now()
		serve(t, fresh, path)
		cold := time.Since(start)
		times := make([]time.Duration, runs)
		for i := range times {
			start := time.Now()
			serve(t, h, path)
			times[i] = time.Since(start)
		}
		slices.Sort(times)
		median := times[runs/2]
		fmt.Fprintf(&report, "%-70s %10s %10s\n", path, cold.Round(10*time.Microsecond), median.Round(10*time.Microsecond))
	}
	t.Log("\n" + report.String())
}
