package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkMeasureCopied measures copied prose (measureCopied) for every
// report of a database, as a national first load does: every county
// touched, every report's prose read back, fingerprinted and compared with
// its previous year and its county-year's other reports. XXGK_BENCH_DB
// names a database already loaded (it is not changed: the measure runs in
// a transaction rolled back); by default the demo corpus is loaded first.
// It reports reports measured per second.
func BenchmarkMeasureCopied(b *testing.B) {
	ctx := context.Background()
	dbPath := os.Getenv("XXGK_BENCH_DB")
	if dbPath == "" {
		dbPath = filepath.Join(b.TempDir(), "x.duckdb")
		s, err := Open(ctx, dbPath)
		if err != nil {
			b.Fatal(err)
		}
		files, _ := filepath.Glob("../../fixtures/demo/reports/*/*/*")
		regions, err := ReadRegions("../../fixtures/demo/regions.csv")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Ingest(ctx, files, Options{Regions: regions}); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
	s, err := Open(ctx, dbPath)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	conn, err := s.DB.Conn(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	l := &loader{conn: conn}
	rows, err := conn.QueryContext(ctx, "SELECT DISTINCT county, township, placed FROM reports")
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
		var county *string
		var township string
		var placed bool
		if err := rows.Scan(&county, &township, &placed); err != nil {
			b.Fatal(err)
		}
		c := ""
		if county != nil {
			c = *county
		}
		l.touched.add(c, placed, township)
	}
	rows.Close()
	var reports int
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM reports").Scan(&reports); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
			b.Fatal(err)
		}
		if err := l.measureCopied(ctx); err != nil {
			b.Fatal(err)
		}
		if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*reports)/b.Elapsed().Seconds(), "reports/s")
}
