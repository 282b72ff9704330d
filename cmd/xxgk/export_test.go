package main

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestExportParquet writes the demo database as Parquet and reads it back
// with a separate DuckDB, as another engine would: every table and view is
// there, with its rows, its columns in order, and year partitions.
func TestExportParquet(t *testing.T) {
	dbPath := demoCopy(t, "demo.duckdb")
	dir := filepath.Dir(dbPath)
	out := filepath.Join(dir, "parquet")
	code, stdout, stderr := runXXGK(t, "export", "--db", dbPath, "--out", out)
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	src, err := sql.Open("duckdb", dbPath+"?access_mode=READ_ONLY")
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	relations := count(t, src, `SELECT (SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name <> 'schema_version')
		+ (SELECT count(*) FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal)`)
	if !strings.Contains(stdout, fmt.Sprintf("wrote %d tables and views", relations)) {
		t.Errorf("summary, %d relations: %s", relations, stdout)
	}
	pq, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer pq.Close()
	for _, rel := range []string{"reports", "figures", "checks", "requests", "report_figures", "rankings", "rollups", "regions", "ingest_log", "missing_reports", "zero_activity"} {
		glob := filepath.Join(out, rel, "**", "*.parquet")
		want := count(t, src, "SELECT count(*) FROM "+rel)
		got := count(t, pq, "SELECT count(*) FROM read_parquet(?, hive_partitioning = true)", glob)
		if got != want || want == 0 {
			t.Errorf("%s: %d rows in Parquet, %d in the database", rel, got, want)
		}
		wantCols := columns(t, src, "SELECT * FROM "+rel+" LIMIT 0")
		gotCols := columns(t, pq, "SELECT * FROM read_parquet(?, hive_partitioning = true) LIMIT 0", glob)
		slices.Sort(wantCols)
		slices.Sort(gotCols) // the partition column moves to the end
		if rel == "figures" || rel == "checks" {
			wantCols = slices.Insert(wantCols, 0, "year") // given the report's year
			slices.Sort(wantCols)
		}
		if !slices.Equal(gotCols, wantCols) {
			t.Errorf("%s: columns %v, want %v", rel, gotCols, wantCols)
		}
	}
	years, err := filepath.Glob(filepath.Join(out, "reports", "year=*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(years) != 7 || filepath.Base(years[0]) != "year=2019" || filepath.Base(years[6]) != "year=2025" {
		t.Errorf("reports partitions: %v", years)
	}
	if _, err := os.Stat(filepath.Join(out, "regions", "data.parquet")); err != nil {
		t.Errorf("regions: %v", err)
	}

	// An existing folder is never written over, and nothing is left behind.
	code, _, stderr = runXXGK(t, "export", "--db", dbPath, "--out", out)
	if code != 1 || !strings.Contains(stderr, "already exists") {
		t.Errorf("export over an existing folder: exit %d: %s", code, stderr)
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".parquet.partial-*"))
	if len(leftovers) != 0 {
		t.Errorf("partial exports left behind: %v", leftovers)
	}
}

func count(t *testing.T, db *sql.DB, query string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func columns(t *testing.T, db *sql.DB, query string, args ...any) []string {
	t.Helper()
	rows, err := db.Query(query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	return cols
}
