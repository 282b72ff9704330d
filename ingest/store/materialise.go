package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"time"

	sqlfiles "xxgk/sql"
)

// Materialised lists the views the pages read that are also kept as
// m_<view>, in the order they are built. Each is filled from its view's own
// SQL (SELECT * FROM view) or, where a batch would have to rewrite a whole
// year, is a view of its own over smaller materialised parts (m_ranks,
// m_activity_index: see matParts); either way the view stays the one
// definition, and the tests check each m_<view> equal to its view. The
// dashboard reads m_<view>, so that a page costs its selection's rows
// instead of computing the whole country first.
var Materialised = []string{
	"report_metrics", "proactive", "activity_index", "ranks",
	"zero_activity", "townships", "missing_reports", "rollups",
}

// A scope is what an incremental refresh of a table recomputes for the
// run's changed reports.
type scope int

const (
	byReport     scope = iota // the changed reports, per (county, year)
	byCountyYear              // every row of each touched (county, year)
	byCounty                  // every row of each touched county
	byYear                    // every row of each touched year
	fromYear                  // every row from the earliest touched year on
	isView                    // a view over the others: nothing to refresh
)

// A matPart is one object built by materialise/build/<name>.sql as m_<name>:
// a table, refreshed by its scope (materialise/clear and fill), or a view
// over tables before it.
type matPart struct {
	name  string
	scope scope
}

// matParts are built and refreshed in this order: each reads those before it.
// The per-year figures of the whole country (percentiles, ranks in the
// whole database) are not stored per report: m_activity_counts and
// m_rank_counts hold each year's distribution of values, a few thousand
// rows that a batch recounts for its year, and the views m_activity_index
// and m_ranks read a report's percentile or rank from them.
var matParts = []matPart{
	{"report_metrics", byReport},
	// The long form of the figures, which the view report_figures reads
	// (sql/views/10_report_figures.sql): per report, like report_metrics.
	{"report_figures", byReport},
	{"proactive", byCounty},
	{"activity_counts", byYear},
	{"activity_index", isView},
	{"rank_rows", byCountyYear},
	{"rank_counts", byYear},
	{"ranks", isView},
	{"zero_activity", byCounty},
	{"townships", byCounty},
	{"missing_reports", byCounty},
	{"rollups", fromYear},
}

// spanWide are the tables every county's rows of which depend on the span
// of report years (missing_reports counts a township missing up to the
// latest year in the database): rebuilt whole when the span moves.
var spanWide = map[string]bool{"missing_reports": true, "rollups": true}

// conn is what the refresh needs of a connection or transaction.
type conn interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// definitions is a hash of everything the tables are built from: the views
// and the statements that fill the tables. A database whose tables were
// built from other definitions (an older xxgk) rebuilds them.
func definitions() (string, error) {
	var statements []string
	for _, p := range matParts {
		for _, op := range []string{"build", "clear", "fill"} {
			if op == "build" || p.scope != isView {
				statements = append(statements, sqlfiles.Query("materialise/"+op+"/"+p.name))
			}
		}
	}
	return hashDefinitions(statements)
}

// hashDefinitions hashes the views, then the statements that fill a
// table: what the table's rows depend on.
func hashDefinitions(statements []string) (string, error) {
	views, err := sqlfiles.Views()
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, v := range views {
		h.Write([]byte(v))
	}
	for _, st := range statements {
		h.Write([]byte(st))
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// applyDefinitions brings the views and the materialised tables to this
// xxgk's definitions. When the tables were built from exactly these
// definitions (the views included), there is nothing to do, and a server
// starts without rewriting a view; otherwise the views are re-applied and
// every table is rebuilt whole, in one transaction.
func applyDefinitions(ctx context.Context, db *sql.DB) error {
	want, err := definitions()
	if err != nil {
		return err
	}
	var have string
	// No m_state yet (a new database, or one from an older xxgk): build.
	if db.QueryRowContext(ctx, sqlfiles.Query("materialise/state")).Scan(&have) == nil && have == want {
		return nil
	}
	if err := ApplyViews(ctx, db); err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, sqlfiles.Query("materialise/state_init")); err != nil {
		return fmt.Errorf("store: materialise: %w", err)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: materialise: %w", err)
	}
	defer tx.Rollback()
	if err := buildMaterialised(ctx, tx, nil); err != nil {
		return err
	}
	return tx.Commit()
}

// buildMemory gives a whole build DuckDB's larger memory limit, unless the
// configuration is locked (a server's: its limit stays); restore sets the
// ingest's limit back however the build ends (a failure to set it leaves
// the larger one, which only costs memory).
func buildMemory(ctx context.Context, c conn) (restore func(), err error) {
	var locked bool
	if err := c.QueryRowContext(ctx, sqlfiles.Query("materialise/config_locked")).Scan(&locked); err != nil {
		return nil, err
	}
	if locked {
		return func() {}, nil
	}
	if _, err := c.ExecContext(ctx, sqlfiles.Query("materialise/memory_build")); err != nil {
		return nil, err
	}
	return func() { c.ExecContext(context.WithoutCancel(ctx), sqlfiles.Query("materialise/memory_run")) }, nil
}

// buildPart builds one part whole. m_report_figures' keys are built
// without DuckDB's FSST analysis (compression_keys.sql), unless the
// configuration is locked (a server's: the build is the same, slower).
func buildPart(ctx context.Context, c conn, name string) error {
	if name == "report_figures" {
		var locked bool
		if err := c.QueryRowContext(ctx, sqlfiles.Query("materialise/config_locked")).Scan(&locked); err != nil {
			return err
		}
		if !locked {
			if _, err := c.ExecContext(ctx, sqlfiles.Query("materialise/compression_keys")); err != nil {
				return err
			}
			defer c.ExecContext(context.WithoutCancel(ctx), sqlfiles.Query("materialise/compression_all"))
		}
	}
	_, err := c.ExecContext(ctx, sqlfiles.Query("materialise/build/"+name))
	return err
}

// buildMaterialised rebuilds every part whole and records the definitions
// they were built from; times, when not nil, gets each part's time.
func buildMaterialised(ctx context.Context, c conn, times *[]TableTime) error {
	restore, err := buildMemory(ctx, c)
	if err != nil {
		return fmt.Errorf("store: materialise: %w", err)
	}
	defer restore()
	if err := dropFormerTables(ctx, c); err != nil {
		return err
	}
	for _, p := range matParts {
		start, cpu := time.Now(), processCPU()
		if err := buildPart(ctx, c, p.name); err != nil {
			return fmt.Errorf("store: materialise m_%s: %w", p.name, err)
		}
		if times != nil {
			*times = append(*times, TableTime{"m_" + p.name + " (whole)", time.Since(start), processCPU() - cpu})
		}
	}
	defs, err := definitions()
	if err != nil {
		return err
	}
	for _, q := range []string{"materialise/state_clear", "materialise/state_record"} {
		args := []any{}
		if q == "materialise/state_record" {
			args = append(args, defs)
		}
		if _, err := c.ExecContext(ctx, sqlfiles.Query(q), args...); err != nil {
			return fmt.Errorf("store: materialise: %w", err)
		}
	}
	return nil
}

// refreshMaterialised brings the tables up to date with what the current
// transaction changed, before it commits, so that readers see a run's
// reports and the tables computed from them at the same instant. full
// rebuilds every table (the regions moved reports between counties, which
// no report-level scope follows); otherwise only what the changed reports
// touch is recomputed: their counties' rows of the per-county tables,
// their years' rows of the per-year ones (a year's percentile ranks move
// with any report of that year), and every table whole when most of the
// database changed (a first national load) or the span of years moved
// for the tables that depend on it.
func refreshMaterialised(ctx context.Context, c conn, runID int64, full bool, times *[]TableTime) error {
	if full {
		if err := markFlagsStale(ctx, c, true, false); err != nil {
			return err
		}
		return buildMaterialised(ctx, c, times)
	}
	defer c.ExecContext(context.WithoutCancel(ctx), sqlfiles.Query("materialise/drop_changed"))
	start, cpu := time.Now(), processCPU()
	changed, current, spanMoved, compared, err := changedReports(ctx, c, runID)
	if err != nil {
		return err
	}
	step := ChangedFromRun
	if compared {
		step = ChangedCompared
	}
	*times = append(*times, TableTime{step, time.Since(start), processCPU() - cpu})
	if changed > 0 {
		// m_flags is refreshed after the commit (flags.go): every county's
		// missing flags too when the span moved, whole when most changed.
		if err := markFlagsStale(ctx, c, changed*4 > current, spanMoved); err != nil {
			return err
		}
	}
	switch {
	case changed == 0:
		return nil
	case changed*4 > current:
		// Filling by scope costs more than building whole.
		return buildMaterialised(ctx, c, times)
	}
	touched, err := touchedScope(ctx, c)
	if err != nil {
		return err
	}
	for _, p := range matParts {
		name := p.name
		if p.scope == isView {
			continue
		}
		start, cpu := time.Now(), processCPU()
		if spanMoved && spanWide[name] {
			if _, err := c.ExecContext(ctx, sqlfiles.Query("materialise/build/"+name)); err != nil {
				return fmt.Errorf("store: materialise m_%s: %w", name, err)
			}
		} else if err := refreshTable(ctx, c, p, touched); err != nil {
			return err
		}
		*times = append(*times, TableTime{"m_" + name, time.Since(start), processCPU() - cpu})
	}
	return nil
}

// The first step of an incremental refresh, as TableTime names it: the
// run's changed reports found from the run's own rows, or by comparing
// every id (changedReports).
const (
	ChangedFromRun  = "m_changed"
	ChangedCompared = "m_changed_compared"
)

// changedReports fills m_changed with the reports the run changed, from
// the run's own rows (changed_run: two narrow scans), or, when those do
// not account for every current report (the tables missed a change
// before this run), by comparing every id of reports with m_report_metrics
// (changed: 45-60 ms of CPU on a national database, a batch's largest
// statement after the roll-ups; compared is then true). It says how many
// changed, how many are current, and whether the span of years moved.
func changedReports(ctx context.Context, c conn, runID int64) (changed, current int, spanMoved, compared bool, err error) {
	fill := func(query string, args ...any) (consistent bool, err error) {
		if _, err := c.ExecContext(ctx, sqlfiles.Query(query), args...); err != nil {
			return false, fmt.Errorf("store: materialise: %w", err)
		}
		if err := c.QueryRowContext(ctx, sqlfiles.Query("materialise/changed_summary")).Scan(&changed, &current, &spanMoved, &consistent); err != nil {
			return false, fmt.Errorf("store: materialise: %w", err)
		}
		return consistent, nil
	}
	consistent, err := fill("materialise/changed_run", runID)
	if err != nil || consistent {
		return changed, current, spanMoved, false, err
	}
	_, err = fill("materialise/changed")
	return changed, current, spanMoved, true, err
}

// TableTime is the time a refresh spent on one materialised table (xxgk
// ingest --timings prints them: where a batch's time goes), or a whole
// build on one part, in wall-clock and CPU time.
type TableTime struct {
	Table string
	Time  time.Duration
	CPU   time.Duration // the whole process's (DuckDB's threads), while nothing else runs
}

// touched is what the run's changed reports touch, as constants: bound as
// parameters, DuckDB plans each fill with them, and the filter reaches the
// views' scans and passes below their windows (a filter by a subquery did
// not: each fill computed its view for the whole country).
type touched struct {
	pairs    [][2]any // (county, year); county nil for the unplaced
	counties []any
	years    []any
	first    int
}

func touchedScope(ctx context.Context, c conn) (touched, error) {
	var t touched
	rows, err := c.QueryContext(ctx, sqlfiles.Query("materialise/scope"))
	if err != nil {
		return t, fmt.Errorf("store: materialise: %w", err)
	}
	defer rows.Close()
	seenCounty, seenYear := map[any]bool{}, map[int]bool{}
	for rows.Next() {
		var county sql.NullString
		var year int
		if err := rows.Scan(&county, &year); err != nil {
			return t, fmt.Errorf("store: materialise: %w", err)
		}
		var cv any
		if county.Valid {
			cv = county.String
		}
		t.pairs = append(t.pairs, [2]any{cv, year})
		if !seenCounty[cv] {
			seenCounty[cv] = true
			t.counties = append(t.counties, cv)
		}
		if !seenYear[year] {
			seenYear[year] = true
			t.years = append(t.years, year)
		}
		if t.first == 0 || year < t.first {
			t.first = year
		}
	}
	return t, rows.Err()
}

// refreshTable clears and fills one table for each value of its scope.
func refreshTable(ctx context.Context, c conn, p matPart, t touched) error {
	name := p.name
	exec := func(op string, args ...any) error {
		if _, err := c.ExecContext(ctx, sqlfiles.Query("materialise/"+op+"/"+name), args...); err != nil {
			return fmt.Errorf("store: materialise m_%s (%s %v): %w", name, op, args, err)
		}
		return nil
	}
	var each [][]any
	switch p.scope {
	case byReport:
		if err := exec("clear"); err != nil { // by id, once
			return err
		}
		for _, p := range t.pairs {
			if err := exec("fill", p[0], p[1]); err != nil {
				return err
			}
		}
		return nil
	case byCountyYear:
		for _, v := range t.pairs {
			each = append(each, []any{v[0], v[1]})
		}
	case byCounty:
		for _, v := range t.counties {
			each = append(each, []any{v})
		}
	case byYear:
		for _, v := range t.years {
			each = append(each, []any{v})
		}
	case fromYear:
		each = [][]any{{t.first}}
	}
	for _, args := range each {
		if err := exec("clear", args...); err != nil {
			return err
		}
		if err := exec("fill", args...); err != nil {
			return err
		}
	}
	return nil
}

// dropFormerTables drops what an older xxgk stored as a table where this
// one keeps a view of the same name (m_ranks, m_activity_index): CREATE
// OR REPLACE VIEW does not replace a table.
func dropFormerTables(ctx context.Context, c conn) error {
	for _, p := range matParts {
		if p.scope != isView {
			continue
		}
		var tables int
		if err := c.QueryRowContext(ctx, sqlfiles.Query("materialise/is_table"), "m_"+p.name).Scan(&tables); err != nil {
			return fmt.Errorf("store: materialise: %w", err)
		}
		if tables == 0 {
			continue
		}
		if _, err := c.ExecContext(ctx, sqlfiles.Query("materialise/drop_table/"+p.name)); err != nil {
			return fmt.Errorf("store: materialise: drop the former table m_%s: %w", p.name, err)
		}
	}
	return nil
}
