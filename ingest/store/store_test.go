package store

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	sqlfiles "xxgk/sql"
)

func copyFile(t testing.TB, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustOpen(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func count(t testing.TB, s *Store, query string, args ...any) int {
	t.Helper()
	var n int
	if err := s.DB.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

var seedRegion = Region{Org: "丹朱镇人民政府", Township: "丹朱镇", County: "长子县", City: "长治市", Province: "山西省"}

// corpus writes the seed report, the one-report-in-three-forms set and an
// empty file into a fresh directory.
func corpus(t testing.TB) (dir string, seed, qingshi, empty string) {
	dir = t.TempDir()
	seed, qingshi, empty = filepath.Join(dir, "danzhu.txt"), filepath.Join(dir, "qingshi.html"), filepath.Join(dir, "empty.txt")
	copyFile(t, "../../fixtures/seed/danzhu-2020.txt", seed)
	copyFile(t, "../testdata/forms/qingshi-2022.html", qingshi)
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, seed, qingshi, empty
}

func TestIngest(t *testing.T) {
	ctx := context.Background()
	dir, seed, qingshi, empty := corpus(t)
	s := mustOpen(t, filepath.Join(dir, "x.duckdb"))

	// A bad file among good ones: reported, the others loaded.
	sum, err := s.Ingest(ctx, []string{seed, empty, qingshi}, Options{Regions: []Region{seedRegion}})
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(sum.Loaded, sum.Replaced, sum.Unchanged, sum.Failed, sum.Unplaced); got != "2 0 0 1 1" {
		t.Errorf("first run loaded, replaced, unchanged, failed, unplaced = %s, want 2 0 0 1 1", got)
	}
	if len(sum.Notes) != 2 || sum.Notes[0].File != empty || !strings.Contains(sum.Notes[0].Detail, "empty") ||
		sum.Notes[1].File != qingshi || !strings.Contains(sum.Notes[1].Detail, "unplaced") {
		t.Errorf("notes = %+v", sum.Notes)
	}
	if n := count(t, s, `SELECT count(*) FROM reports`); n != 2 {
		t.Errorf("%d reports, want 2", n)
	}
	if n := count(t, s, `SELECT "proactive_items" FROM figures JOIN reports USING (report_id) WHERE township = '丹朱镇' AND county = '长子县' AND year = 2020`); n != 65 {
		t.Errorf("丹朱镇 2020 proactive_items = %d, want 65", n)
	}
	if n := count(t, s, `SELECT count(*) FROM report_figures WHERE org = '丹朱镇人民政府'`); n != 199 {
		t.Errorf("丹朱镇 has %d figures in report_figures, want 199", n)
	}
	if n := count(t, s, `SELECT len(blank) FROM reports WHERE org = '丹朱镇人民政府'`); n != 5 {
		t.Errorf("丹朱镇 lists %d blank cells, want 5", n)
	}
	if n := count(t, s, `SELECT count(*) FROM reports WHERE NOT placed AND county IS NULL AND township = '青石镇'`); n != 1 {
		t.Errorf("青石镇 not stored as unplaced")
	}

	// The same files again: nothing changes.
	sum, err = s.Ingest(ctx, []string{seed, qingshi}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(sum.Loaded, sum.Replaced, sum.Unchanged, sum.Failed); got != "0 0 2 0" {
		t.Errorf("re-ingest loaded, replaced, unchanged, failed = %s, want 0 0 2 0", got)
	}
	if n := count(t, s, `SELECT count(*) FROM figures`); n != 2 {
		t.Errorf("%d figure rows after re-ingest, want 2", n)
	}

	// A changed file for the same body and year replaces the old report.
	b, _ := os.ReadFile(seed)
	changed := strings.Replace(string(b), "主动公开 65 条信息", "主动公开 66 条信息", 1)
	if err := os.WriteFile(seed, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, err = s.Ingest(ctx, []string{seed}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Replaced != 1 || len(sum.Notes) != 1 || !strings.Contains(sum.Notes[0].Detail, "replaces") {
		t.Errorf("replace: %+v", sum)
	}
	if n := count(t, s, `SELECT "proactive_items" FROM figures JOIN reports USING (report_id) WHERE org = '丹朱镇人民政府'`); n != 66 {
		t.Errorf("after replacing, proactive_items = %d, want 66", n)
	}
	if n := count(t, s, `SELECT count(*) FROM figures`); n != 2 {
		t.Errorf("%d figure rows after replacing, want 2", n)
	}
	if n := count(t, s, `SELECT count(*) FROM ingest_log WHERE action = 'replaced' AND run_id = ?`, sum.RunID); n != 1 {
		t.Errorf("replacement not logged")
	}
	if n := count(t, s, `SELECT count(*) FROM ingest_runs`); n != 3 {
		t.Errorf("%d runs recorded, want 3", n)
	}
}

func TestIngestCancelledLeavesNothing(t *testing.T) {
	dir, seed, qingshi, _ := corpus(t)
	s := mustOpen(t, filepath.Join(dir, "x.duckdb"))
	ctx, cancel := context.WithCancel(context.Background())
	_, err := s.Ingest(ctx, []string{seed, qingshi}, Options{Progress: func(done, total int) {
		if done == 1 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	for _, table := range []string{"reports", "figures", "ingest_log", "ingest_runs"} {
		if n := count(t, s, "SELECT count(*) FROM "+table); n != 0 {
			t.Errorf("%s holds %d rows after a cancelled run, want 0", table, n)
		}
	}
}

// TestIngestKilled kills a real ingest process midway and reopens its
// database: the run before it must be intact and nothing of the killed run
// visible. The child flushes its appenders every 5 reports, so when it is
// killed its transaction holds rows handed over to DuckDB, not only rows
// in the appenders' buffers.
func TestIngestKilled(t *testing.T) {
	if os.Getenv("XXGK_KILL_CHILD") != "" {
		return // runs as the child, in TestMain
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "x.duckdb")
	demo := "../../fixtures/demo/reports"
	files, err := filepath.Glob(filepath.Join(demo, "*", "*", "*"))
	if err != nil || len(files) < 100 {
		t.Fatalf("demo corpus: %d files, %v", len(files), err)
	}
	s, err := Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Ingest(context.Background(), files[:20], Options{}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "XXGK_KILL_CHILD="+db, "XXGK_KILL_FILES="+strings.Join(files, "\n"))
	cmd.Stderr = os.Stderr
	// The child says "halfway" on its stdout, then waits on its stdin,
	// which the parent never writes: it is killed in the middle of its run.
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if line != "halfway\n" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the child never got halfway: %q, %v", line, err)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	s = mustOpen(t, db)
	if n := count(t, s, `SELECT count(*) FROM ingest_runs`); n != 1 {
		t.Errorf("%d runs after the kill, want 1", n)
	}
	loaded := count(t, s, `SELECT count(*) FROM reports`)
	if loaded < 15 || loaded > 20 {
		t.Errorf("%d reports after the kill, want the first run's (15–20)", loaded)
	}
	for _, table := range []string{"figures", "report_prose", "m_report_metrics"} {
		if n := count(t, s, `SELECT count(*) FROM `+table); n != loaded {
			t.Errorf("%d %s rows for %d reports", n, table, loaded)
		}
	}
	if n := count(t, s, `SELECT count(*) FROM ingest_log WHERE run_id > 1`); n != 0 {
		t.Errorf("%d log rows of the killed run are visible", n)
	}
}

// TestMain runs the child side of TestIngestKilled: an ingest of many files
// that says when it is halfway and then waits to be killed in the middle of
// its transaction.
func TestMain(m *testing.M) {
	if db := os.Getenv("XXGK_KILL_CHILD"); db != "" {
		files := strings.Split(os.Getenv("XXGK_KILL_FILES"), "\n")
		s, err := Open(context.Background(), db)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		s.flushEvery = 5
		s.Ingest(context.Background(), files, Options{Progress: func(done, total int) {
			if done == total/2 {
				fmt.Println("halfway")
				io.Copy(io.Discard, os.Stdin) // until killed
			}
		}})
		os.Exit(4) // the parent kills the child before it gets here
	}
	os.Exit(m.Run())
}

func TestMigrations(t *testing.T) {
	ctx := context.Background()
	v1 := sqlfiles.Migration{Version: 1, Name: "0001_a.sql", SQL: "CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (1);"}
	v2 := sqlfiles.Migration{Version: 2, Name: "0002_b.sql", SQL: "ALTER TABLE a ADD COLUMN y INTEGER DEFAULT 7;"}
	db := filepath.Join(t.TempDir(), "old.duckdb")

	open := func(migrations ...sqlfiles.Migration) (*Store, error) {
		conn, err := openDB(db)
		if err != nil {
			t.Fatal(err)
		}
		s := &Store{DB: conn, Path: db}
		t.Cleanup(func() { s.Close() })
		return s, s.applyMigrations(ctx, migrations)
	}

	// An old database at version 1 is migrated to version 2, keeping its data.
	s, err := open(v1)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = open(v1, v2)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(count(t, s, "SELECT max(version) FROM schema_version"), count(t, s, "SELECT y FROM a WHERE x = 1")); got != "2 7" {
		t.Errorf("after migrating: version, y = %s, want 2 7", got)
	}
	s.Close()

	// A database written by a newer xxgk is refused, and left untouched.
	_, err = open(v1)
	if !errors.Is(err, ErrNewerSchema) || !strings.Contains(err.Error(), "schema version 2") {
		t.Errorf("err = %v, want ErrNewerSchema naming version 2", err)
	}
}

func TestPlace(t *testing.T) {
	p := newPlacer([]Region{
		seedRegion,
		{Org: "杜市镇人民政府", Township: "杜市镇", County: "江津区", City: "重庆市", Province: ""},
		{Org: "东关街道办事处", Township: "东关街道", County: "甲县"},
		{Org: "东关街道办事处", Township: "东关街道", County: "乙县"},
	})
	tests := []struct {
		org, path, township, county string
		ok                          bool
	}{
		{"丹朱镇人民政府", "r.txt", "丹朱镇", "长子县", true},
		{"丹朱镇", "r.txt", "丹朱镇", "长子县", true},
		{"长子县丹朱镇人民政府", "r.txt", "丹朱镇", "长子县", true},
		{"山西省长治市长子县丹朱镇政府", "r.txt", "丹朱镇", "长子县", true},
		{"重庆市江津区杜市镇人民政府", "r.txt", "杜市镇", "江津区", true},
		{"某县丹朱镇人民政府", "r.txt", "", "", false},                // a prefix that is not its county
		{"东关街道办事处", "reports/东关.txt", "", "", false},         // two counties have a 东关街道
		{"东关街道办事处", "reports/乙县/东关.txt", "东关街道", "乙县", true}, // the folder tells them apart
		{"甲县东关街道办事处", "r.txt", "东关街道", "甲县", true},           // so does the county in the title
		{"青石镇人民政府", "r.txt", "", "", false},
	}
	for _, tc := range tests {
		r, ok := p.place(tc.org, tc.path)
		if ok != tc.ok || r.Township != tc.township || r.County != tc.county {
			t.Errorf("place(%q) = %q %q %v, want %q %q %v", tc.org, r.Township, r.County, ok, tc.township, tc.county, tc.ok)
		}
	}
}

func TestReadRegions(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(body), 0o644)
		return p
	}
	good := write("good.csv", "\ufefforg,township,county,city,province\n丹朱镇人民政府,丹朱镇,长子县,长治市,山西省\n")
	if rs, err := ReadRegions(good); err != nil || len(rs) != 1 || rs[0] != seedRegion {
		t.Errorf("ReadRegions = %+v, %v", rs, err)
	}
	for name, body := range map[string]string{
		"noheader.csv": "name,town\n",
		"missing.csv":  "org,township,county\n丹朱镇人民政府,,长子县\n",
		"dup.csv":      "org,township,county\n丹朱镇人民政府,丹朱镇,长子县\n丹朱镇人民政府,丹朱镇,长子县\n",
		"nocounty.csv": "org,township\n丹朱镇人民政府,丹朱镇\n",
	} {
		if _, err := ReadRegions(write(name, body)); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: err = %v, want one naming the file", name, err)
		}
	}
}
