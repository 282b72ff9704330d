package sqlfiles_test

import (
	"database/sql"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"

	sqlfiles "xxgk/sql"
)

// mustMigrate returns an in-memory DuckDB with every migration and view.
func mustMigrate(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1) // one in-memory database, one connection
	if _, err := db.Exec(sqlfiles.Query("schema_version_init")); err != nil {
		t.Fatal(err)
	}
	migrations, err := sqlfiles.Migrations()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range migrations {
		if _, err := db.Exec(m.SQL); err != nil {
			t.Fatalf("migration %s: %v", m.Name, err)
		}
	}
	views, err := sqlfiles.Views()
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range views {
		if _, err := db.Exec(v); err != nil {
			t.Fatalf("view %.80q: %v", v, err)
		}
	}
	// The materialised tables the pages read, built as the store builds
	// them.
	builds, err := fs.Glob(sqlfiles.FS, "queries/materialise/build/*.sql")
	if err != nil || len(builds) == 0 {
		t.Fatalf("no materialised tables: %v", err)
	}
	// A part reads the parts before it (the store's order): build in
	// passes until every one is built.
	pending := append(builds, "queries/materialise/state_init.sql")
	for len(pending) > 0 {
		var failed []string
		var last error
		for _, file := range pending {
			text, _ := fs.ReadFile(sqlfiles.FS, file)
			if _, err := db.Exec(string(text)); err != nil {
				failed, last = append(failed, file), fmt.Errorf("%s: %w", file, err)
			}
		}
		if len(failed) == len(pending) {
			t.Fatal(last)
		}
		pending = failed
	}
	return db
}

var (
	viewName  = regexp.MustCompile(`(?m)^CREATE OR REPLACE VIEW (\w+) AS`)
	macroName = regexp.MustCompile(`(?m)^CREATE OR REPLACE MACRO (\w+)\(`)
)

// TestViews applies everything to an empty database, runs every view with
// LIMIT 0 and checks that sql/README.md documents each of its columns.
func TestViews(t *testing.T) {
	db := mustMigrate(t)
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	files, err := fs.Glob(sqlfiles.FS, "views/*.sql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no views: %v", err)
	}
	for _, file := range files {
		text, _ := fs.ReadFile(sqlfiles.FS, file)
		names := viewName.FindAllStringSubmatch(string(text), -1)
		if len(names) == 0 && macroName.MatchString(string(text)) {
			continue // a macro the views share (30_activity_score.sql)
		}
		if len(names) != 1 {
			t.Errorf("%s: defines %d views, want exactly one", file, len(names))
			continue
		}
		name := names[0][1]
		t.Run(name, func(t *testing.T) {
			if strings.Contains(string(text), "SELECT *") {
				t.Errorf("%s uses SELECT *: name the columns", file)
			}
			rows, err := db.Query("SELECT * FROM " + name + " LIMIT 0")
			if err != nil {
				t.Fatal(err)
			}
			cols, err := rows.Columns()
			rows.Close()
			if err != nil {
				t.Fatal(err)
			}
			section := readmeSection(string(readme), name)
			if section == "" {
				t.Fatalf("sql/README.md has no section ### %s", name)
			}
			for _, c := range cols {
				if !regexp.MustCompile(`(?m)^\|.*\b` + regexp.QuoteMeta(c) + `\b`).MatchString(section) {
					t.Errorf("column %s.%s is not documented in sql/README.md", name, c)
				}
			}
		})
	}
}

// readmeSection returns the text of the README section "### name (...)".
func readmeSection(readme, name string) string {
	_, rest, ok := strings.Cut(readme, "\n### "+name+" ")
	if !ok {
		return ""
	}
	if i := strings.Index(rest, "\n### "); i >= 0 {
		rest = rest[:i]
	}
	return rest
}

// TestQueries prepares every query file against the migrated schema and
// views, which checks its syntax and every table and column it names.
func TestQueries(t *testing.T) {
	db := mustMigrate(t)
	files, err := fs.Glob(sqlfiles.FS, "queries/*/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	top, _ := fs.Glob(sqlfiles.FS, "queries/*.sql")
	deeper, _ := fs.Glob(sqlfiles.FS, "queries/*/*/*.sql")
	// The run's changed reports, which the materialised tables' refresh reads.
	if _, err := db.Exec(sqlfiles.Query("materialise/changed")); err != nil {
		t.Fatal(err)
	}
	for _, file := range append(append(top, files...), deeper...) {
		name := strings.TrimSuffix(strings.TrimPrefix(file, "queries/"), ".sql")
		if name == "checkpoint" || name == "schema_version_init" {
			continue // statements that cannot be prepared, run by the store's tests
		}
		t.Run(name, func(t *testing.T) {
			stmt, err := db.Prepare(sqlfiles.Query(name))
			if err != nil {
				t.Fatal(err)
			}
			stmt.Close()
		})
	}
}

func TestQueryPanicsOnUnknownName(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Query of an unknown name did not panic")
		}
	}()
	sqlfiles.Query("no_such_query")
}
