package analytics

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
)

// TestOpenServing: the read handle refuses every write as a read-only file
// does, and sees each commit of the write handle (one DuckDB instance).
func TestOpenServing(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "x.duckdb")
	init, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := init.Exec(`CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1)`); err != nil {
		t.Fatal(err)
	}
	init.Close()

	sv, err := OpenServing(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer sv.Close()
	read, write := sv.Console, sv.Write
	for _, stmt := range []string{"INSERT INTO t VALUES (2)", "CREATE TABLE u AS SELECT 1", "DELETE FROM t", "DROP TABLE t",
		"UPDATE t SET a = 3"} {
		if _, err := read.ExecContext(ctx, stmt); err == nil || !strings.Contains(err.Error(), "read-only mode") {
			t.Errorf("%s on the read handle: %v", stmt, err)
		}
	}
	if _, err := read.ExecContext(ctx, "SET enable_external_access = true"); err == nil || !strings.Contains(err.Error(), "locked") {
		t.Errorf("SET on the read handle: %v", err)
	}
	tx, err := read.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO t VALUES (4)"); err == nil {
		t.Errorf("an explicit transaction on the read handle wrote")
	}
	tx.Rollback()

	// Not a prepared statement: DuckDB plans count(*) from the table's
	// statistics once, so a statement prepared before a commit keeps
	// answering the old count (DB.Refresh re-prepares).
	counts := func() int {
		var n int
		if err := read.QueryRowContext(ctx, "SELECT count(*) FROM t").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := counts(); n != 1 {
		t.Fatalf("count = %d, want 1", n)
	}
	if _, err := write.ExecContext(ctx, "INSERT INTO t VALUES (5), (6)"); err != nil {
		t.Fatal(err)
	}
	if n := counts(); n != 3 {
		t.Errorf("after the write's commit, count = %d, want 3", n)
	}
	var n int
	if err := sv.Pages.QueryRowContext(ctx, "SELECT count(*) FROM t").Scan(&n); err != nil || n != 3 {
		t.Errorf("the pages' handle: count = %d, %v; want 3", n, err)
	}
	res, err := RunSQL(ctx, read, "SELECT a FROM t ORDER BY a", ConsoleOptions{})
	if err != nil || len(res.Rows) != 3 || res.Types[0] != "INTEGER" {
		t.Errorf("console on the read handle: %+v, %v", res, err)
	}
}
