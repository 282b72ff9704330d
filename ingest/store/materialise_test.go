package store

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	sqlfiles "xxgk/sql"
)

// demoFiles lists the demo corpus's reports, split by a predicate on the
// path.
func demoFiles(t *testing.T, hold func(path string) bool) (loaded, held []string) {
	t.Helper()
	err := filepath.WalkDir("../../fixtures/demo/reports", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		if hold(p) {
			held = append(held, p)
		} else {
			loaded = append(loaded, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return loaded, held
}

// TestMaterialisedEqualViews loads the demo corpus in batches that take
// every path of the refresh (a first load with the regions, a county's
// batch of a new latest year, the rest of that year, a replacement, a batch
// of an earlier year, a regions.csv that adds bodies) and checks after each
// that every materialised table holds exactly its view's rows.
func TestMaterialisedEqualViews(t *testing.T) {
	ctx := context.Background()
	regions, err := ReadRegions("../../fixtures/demo/regions.csv")
	if err != nil {
		t.Fatal(err)
	}
	first, held := demoFiles(t, func(p string) bool {
		return strings.Contains(p, "-2025.") || strings.Contains(p, "-2019.")
	})
	var county2025, rest2025, y2019 []string
	for _, p := range held {
		switch {
		case strings.Contains(p, "-2019."):
			y2019 = append(y2019, p)
		case strings.Contains(p, "/平沙县/"):
			county2025 = append(county2025, p)
		default:
			rest2025 = append(rest2025, p)
		}
	}
	if len(county2025) == 0 || len(rest2025) == 0 || len(y2019) == 0 {
		t.Fatalf("the demo corpus changed: %d, %d, %d held files", len(county2025), len(rest2025), len(y2019))
	}
	dir := t.TempDir()
	s := mustOpen(t, filepath.Join(dir, "m.duckdb"))
	// The appenders hand their rows to the run's transaction every 7
	// reports, as a national run does every 2,048: the tables must not
	// depend on where the flushes fall.
	s.flushEvery = 7
	// A whole build of m_flags takes the counties in parts of about 60
	// reports (100,000 in a national database): several parts.
	s.flagsChunk = 60
	replacement := filepath.Join(dir, "平沙县", filepath.Base(county2025[0]))
	if strings.HasSuffix(replacement, ".txt") {
		b, err := os.ReadFile(county2025[0])
		if err != nil {
			t.Fatal(err)
		}
		copyFile(t, county2025[0], replacement)
		if err := os.WriteFile(replacement, append(b, "\n\n"...), 0o644); err != nil {
			t.Fatal(err)
		}
	} else {
		t.Fatalf("%s: the replacement test needs a text report first", county2025[0])
	}
	added := Region{Org: "新设镇人民政府", Township: "新设镇", County: "平沙县", City: regions[0].City, Province: regions[0].Province}
	for _, r := range regions {
		if r.County == "平沙县" {
			added.City, added.Province = r.City, r.Province
		}
	}

	// One township of another county is left out of the first load's
	// regions: its reports stay unplaced (county NULL) through the
	// incremental batches, until the last batch's regions place it.
	var unplaced string
	var firstRegions []Region
	for _, r := range regions {
		if unplaced == "" && r.County != "平沙县" {
			unplaced = r.Township
		}
		if r.Township != unplaced {
			firstRegions = append(firstRegions, r)
		}
	}

	batches := []struct {
		name        string
		files       []string
		opt         Options
		incremental bool // the tables are not rebuilt whole
		action      string
	}{
		{"first load with regions", first, Options{Regions: firstRegions}, false, ActionLoaded},
		{"one county's new latest year", county2025, Options{}, true, ActionLoaded},
		{"the rest of that year", rest2025, Options{}, true, ActionLoaded},
		{"a replacement", []string{replacement}, Options{}, true, ActionReplaced},
		{"an earlier year", y2019, Options{}, true, ActionLoaded},
		{"regions.csv adds a body", nil, Options{Regions: append(regions, added)}, false, ""},
	}
	for _, b := range batches {
		before, flagsBefore := builtAt(t, s), flagsBuiltAt(t, s)
		sum, err := s.Ingest(ctx, b.files, b.opt)
		if err != nil {
			t.Fatalf("%s: %v", b.name, err)
		}
		if b.action == ActionReplaced && sum.Replaced != 1 {
			t.Fatalf("%s: replaced %d reports, want 1 (%+v)", b.name, sum.Replaced, sum.Notes)
		}
		if b.action == ActionLoaded && sum.Loaded != len(b.files) {
			t.Fatalf("%s: loaded %d of %d files (%+v)", b.name, sum.Loaded, len(b.files), sum.Notes)
		}
		if rebuilt := !builtAt(t, s).Equal(before); rebuilt == b.incremental {
			t.Errorf("%s: tables rebuilt whole = %v, want %v", b.name, rebuilt, !b.incremental)
		}
		// Every incremental refresh found its changed reports from the
		// run's own rows: the tables are equal to their views below
		// without the comparison of every id.
		if step := changedStep(sum); b.incremental && step != ChangedFromRun {
			t.Errorf("%s: the changed reports were found by %q, want %q", b.name, step, ChangedFromRun)
		}
		// A new first or last year refreshes every county's missing flags,
		// not the whole of m_flags.
		if rebuilt := !flagsBuiltAt(t, s).Equal(flagsBefore); rebuilt == b.incremental {
			t.Errorf("%s: m_flags rebuilt whole = %v, want %v", b.name, rebuilt, !b.incremental)
		}
		for _, name := range append(Materialised, "flags") {
			if diff := tableDiff(t, s.DB, "m_"+name, name); diff != "" {
				t.Errorf("%s: m_%s differs from its view: %s", b.name, name, diff)
			}
		}
		// The view report_figures reads m_report_figures: the table must
		// hold exactly the long form its macro defines.
		if diff := tableDiff(t, s.DB, "m_report_figures", "report_figures_of(TRUE, NULL, NULL)"); diff != "" {
			t.Errorf("%s: m_report_figures differs from report_figures_of: %s", b.name, diff)
		}
		// The run's refresh after its commit took every mark it made.
		if n := count(t, s, "SELECT count(*) FROM m_flags_stale"); n != 0 {
			t.Errorf("%s: %d marks of m_flags left after the run", b.name, n)
		}
		// The unplaced township's rows take the refresh's county-NULL paths.
		wantUnplaced := b.opt.Regions == nil || b.name == "first load with regions"
		if n := count(t, s, "SELECT count(*) FROM m_ranks WHERE county IS NULL AND township = ?", unplaced); (n > 0) != wantUnplaced {
			t.Errorf("%s: %d rows of m_ranks for the unplaced %s, want some: %v", b.name, n, unplaced, wantUnplaced)
		}
	}
	if n := count(t, s, "SELECT count(*) FROM m_townships WHERE township = '新设镇'"); n != 1 {
		t.Errorf("the added body is in m_townships %d times, want 1", n)
	}
}

// changedStep is how a run's refresh found its changed reports (the first
// of its TableTimes), "" when it rebuilt the tables whole.
func changedStep(sum Summary) string {
	for _, tt := range sum.Tables {
		if tt.Table == ChangedFromRun || tt.Table == ChangedCompared {
			return tt.Table
		}
	}
	return ""
}

// TestChangedComparedAfterDrift: when the materialised tables missed a
// change before the run (here a report's row of m_report_metrics removed
// behind the store's back), the run's own rows do not account for every
// current report, and the refresh compares every id instead: the missed
// report's county is refreshed with the run's, and every table equals its
// view again.
func TestChangedComparedAfterDrift(t *testing.T) {
	ctx := context.Background()
	regions, err := ReadRegions("../../fixtures/demo/regions.csv")
	if err != nil {
		t.Fatal(err)
	}
	// A middle year of one county, so that the span of years stays.
	first, batch := demoFiles(t, func(p string) bool {
		return strings.Contains(p, "/平沙县/") && strings.Contains(p, "-2022.")
	})
	if len(batch) == 0 {
		t.Fatal("the demo corpus changed: no 2022 report of 平沙县")
	}
	s := mustOpen(t, filepath.Join(t.TempDir(), "m.duckdb"))
	if _, err := s.Ingest(ctx, first, Options{Regions: regions}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB.Exec(`DELETE FROM m_report_metrics WHERE report_id = (
		SELECT min(report_id) FROM reports WHERE county IS NOT NULL AND county <> '平沙县')`); err != nil {
		t.Fatal(err)
	}
	if diff := tableDiff(t, s.DB, "m_report_metrics", "report_metrics"); diff == "" {
		t.Fatal("removing a row of m_report_metrics left it equal to its view")
	}
	sum, err := s.Ingest(ctx, batch, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Loaded != len(batch) {
		t.Fatalf("loaded %d of %d files (%+v)", sum.Loaded, len(batch), sum.Notes)
	}
	if step := changedStep(sum); step != ChangedCompared {
		t.Errorf("the changed reports were found by %q, want %q", step, ChangedCompared)
	}
	for _, name := range append(Materialised, "flags") {
		if diff := tableDiff(t, s.DB, "m_"+name, name); diff != "" {
			t.Errorf("m_%s differs from its view: %s", name, diff)
		}
	}
}

func flagsBuiltAt(t *testing.T, s *Store) time.Time {
	t.Helper()
	var at time.Time
	if err := s.DB.QueryRow("SELECT built_at FROM m_flags_state").Scan(&at); err != nil {
		t.Fatal(err)
	}
	return at
}

func builtAt(t *testing.T, s *Store) time.Time {
	t.Helper()
	var at time.Time
	if err := s.DB.QueryRow("SELECT built_at FROM m_state").Scan(&at); err != nil {
		t.Fatal(err)
	}
	return at
}

// tableDiff compares two relations row by row in a total order; floats
// match within a relative 1e-12 (a sum's last bit depends on the order
// DuckDB's threads add in).
func tableDiff(t *testing.T, db *sql.DB, a, b string) string {
	t.Helper()
	ra, rb := allRows(t, db, a), allRows(t, db, b)
	if len(ra) != len(rb) {
		return fmt.Sprintf("%d rows, the view %d", len(ra), len(rb))
	}
	if len(ra) == 0 {
		return "no rows at all (the fixtures should give some)"
	}
	for i := range ra {
		for j := range ra[i] {
			if !sameValue(ra[i][j], rb[i][j]) {
				return fmt.Sprintf("row %d column %d: %v, the view %v", i, j, ra[i][j], rb[i][j])
			}
		}
	}
	return ""
}

func allRows(t *testing.T, db *sql.DB, name string) [][]any {
	t.Helper()
	// The names are the package's own list: no user text reaches this query.
	rows, err := db.Query("SELECT * FROM " + name + " ORDER BY ALL")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out [][]any
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, vals)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func sameValue(x, y any) bool {
	fx, okx := x.(float64)
	fy, oky := y.(float64)
	if okx && oky {
		return fx == fy || math.Abs(fx-fy) <= 1e-12*math.Max(math.Abs(fx), math.Abs(fy))
	}
	return reflect.DeepEqual(x, y)
}

// TestWholeBuildMemoryLimit: a whole rebuild raises DuckDB's memory limit
// to 512 MB (memory_build.sql) and leaves the ingest's own again
// (memory_run.sql must say what ingestSettings says).
func TestWholeBuildMemoryLimit(t *testing.T) {
	limit := func(db *sql.DB) string {
		t.Helper()
		var v string
		if err := db.QueryRow("SELECT current_setting('memory_limit')").Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	shown := func(settings string) string {
		db, err := sql.Open("duckdb", "?"+settings)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		return limit(db)
	}
	want := shown(ingestSettings)
	// Opening a new database builds every materialised table whole.
	s := mustOpen(t, filepath.Join(t.TempDir(), "m.duckdb"))
	if got := limit(s.DB); got != want {
		t.Errorf("after a whole build the limit is %s, want the ingest's %s", got, want)
	}
	if _, err := s.DB.Exec(sqlfiles.Query("materialise/memory_build")); err != nil {
		t.Fatal(err)
	}
	if got, build := limit(s.DB), shown("memory_limit=384MB"); got != build {
		t.Errorf("the build's limit is %s, want %s", got, build)
	}
}

// TestFormerTablesBecomeViews: a database of an older xxgk, where m_ranks
// and m_activity_index were tables, opens with them as views equal to
// their views (CREATE OR REPLACE VIEW does not replace a table).
func TestFormerTablesBecomeViews(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.duckdb")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := demoFiles(t, func(p string) bool { return !strings.Contains(p, "/平沙县/") })
	if _, err := s.Ingest(ctx, files, Options{}); err != nil {
		t.Fatal(err)
	}
	// As an older xxgk left it: tables, built from other definitions.
	for _, q := range []string{
		"DROP VIEW m_ranks", "CREATE TABLE m_ranks AS SELECT * FROM ranks",
		"DROP VIEW m_activity_index", "CREATE TABLE m_activity_index AS SELECT * FROM activity_index",
		"DELETE FROM m_state",
	} {
		if _, err := s.DB.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	s.Close()
	s = mustOpen(t, path)
	for _, name := range []string{"ranks", "activity_index"} {
		if n := count(t, s, "SELECT count(*) FROM duckdb_views() WHERE view_name = ?", "m_"+name); n != 1 {
			t.Errorf("m_%s: %d views of that name, want 1", name, n)
		}
		if diff := tableDiff(t, s.DB, "m_"+name, name); diff != "" {
			t.Errorf("m_%s differs from its view: %s", name, diff)
		}
	}
}

// TestWholeBuildCompressionRestored: m_report_figures is built whole
// without DuckDB's FSST analysis (compression_keys.sql), and every
// compression method is allowed again afterwards, so that the prose and
// hashes a run appends next still compress with FSST.
func TestWholeBuildCompressionRestored(t *testing.T) {
	disabled := func(db *sql.DB) string {
		t.Helper()
		var v string
		if err := db.QueryRow("SELECT current_setting('disabled_compression_methods')").Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	// Opening a new database builds every materialised table whole.
	s := mustOpen(t, filepath.Join(t.TempDir(), "m.duckdb"))
	if got := disabled(s.DB); got != "" {
		t.Errorf("after a whole build the disabled compression methods are %q, want none", got)
	}
	if _, err := s.DB.Exec(sqlfiles.Query("materialise/compression_keys")); err != nil {
		t.Fatal(err)
	}
	if got := disabled(s.DB); got != "FSST,DICT_FSST" {
		t.Errorf("during the build of m_report_figures: %q, want %q", got, "FSST,DICT_FSST")
	}
}
