// Package sqlfiles holds every SQL statement of xxgk as embedded files:
// numbered schema migrations (schema/0001_*.sql, applied in order and
// recorded in schema_version), views (views/*.sql, CREATE OR REPLACE,
// re-applied whenever the database is opened for writing), the queries Go
// code runs (queries/*.sql) and the SQL console's example queries
// (examples/*.sql). README.md, the metric dictionary, is here too
// (Dictionary). Go code names a file and binds parameters; it
// never builds SQL from text.
//
// Import it as sqlfiles: the name sql clashes with database/sql.
package sqlfiles

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

// FS holds schema/, views/, queries/, queries/analytics/ (the read
// queries of package analytics, named "analytics/NAME"), queries/export/
// (xxgk export), queries/bench/ (xxgk bench), queries/materialise/ (the
// materialised tables the pages read) and examples/ (the SQL
// console's example queries).
//
//go:embed schema/*.sql views/*.sql queries/*.sql queries/analytics/*.sql queries/export/*.sql queries/bench/*.sql queries/materialise/*.sql queries/materialise/*/*.sql examples/*.sql
var FS embed.FS

// The relations the queries that read the supervision flags are bound to
// (review_queue, scorecards, review_flag: query_table of a parameter):
// FlagsTable, the view's rows kept after each run's commit, or FlagsView,
// the view itself, while a run's refresh of the table is pending for the
// area (analytics/flags_marks.sql, analytics/flagsource.go).
const (
	FlagsTable = "m_flags"
	FlagsView  = "flags"
)

// Query returns the text of queries/NAME.sql; NAME may start with a
// subfolder ("analytics/rankings"). The names are fixed in the code that
// calls it, so a missing one is a bug, caught by that code's tests.
func Query(name string) string {
	b, err := FS.ReadFile("queries/" + name + ".sql")
	if err != nil {
		panic("sqlfiles: no query " + name)
	}
	return string(b)
}

// Migration is one numbered schema file.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations returns schema/NNNN_*.sql in version order.
func Migrations() ([]Migration, error) {
	entries, err := fs.ReadDir(FS, "schema")
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, e := range entries {
		name := e.Name()
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("sqlfiles: schema file %s is not named NNNN_name.sql", name)
		}
		b, err := FS.ReadFile("schema/" + name)
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: name, SQL: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i, m := range out {
		if m.Version != i+1 {
			return nil, fmt.Errorf("sqlfiles: schema versions must run 1, 2, 3…; %s is out of sequence", m.Name)
		}
	}
	return out, nil
}

// Views returns the text of every views/*.sql file, in name order. Views
// that read other views must sort after them (prefix a number if needed).
func Views() ([]string, error) {
	entries, err := fs.ReadDir(FS, "views")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		b, err := FS.ReadFile("views/" + e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, string(b))
	}
	return out, nil
}
