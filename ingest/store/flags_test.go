package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestFlagsAfterCommit: a run marks the county of its changed reports in
// its own transaction and m_flags is refreshed after the commit; until
// then (a server's refresher not yet run, or a process killed between the
// two commits) the mark stays and m_flags holds the county's flags as
// before the run, and the next Open refreshes them.
func TestFlagsAfterCommit(t *testing.T) {
	ctx := context.Background()
	regions, err := ReadRegions("../../fixtures/demo/regions.csv")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := demoFiles(t, func(string) bool { return false })
	dir := t.TempDir()
	path := filepath.Join(dir, "f.duckdb")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Ingest(ctx, files, Options{Regions: regions}); err != nil {
		t.Fatal(err)
	}
	if diff := tableDiff(t, s.DB, "m_flags", "flags"); diff != "" {
		t.Fatalf("after the first load, m_flags differs from its view: %s", diff)
	}
	// A corrected text report of one county, flagged: it replaces the
	// loaded one, so each of its flags names a new report_id.
	county := "平沙县"
	var src string
	if err := s.DB.QueryRow(`SELECT min(r.source_file) FROM m_flags AS f JOIN reports AS r USING (report_id)
		WHERE r.county = ? AND r.source_file LIKE '%.txt'`, county).Scan(&src); err != nil || src == "" {
		t.Fatalf("no flagged text report of %s in the demo corpus (%v)", county, err)
	}
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	corrected := filepath.Join(dir, county, filepath.Base(src))
	if err := os.MkdirAll(filepath.Dir(corrected), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(corrected, append(b, "\n\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	before := allRows(t, s.DB, "(SELECT * FROM m_flags WHERE county = '平沙县')")

	// A refresher that never runs: the run's refresh is only asked for.
	f := &flagRefresher{kick: make(chan struct{}, 1)}
	s.flags.Store(f)
	sum, err := s.Ingest(ctx, []string{corrected}, Options{})
	if err != nil || sum.Replaced != 1 {
		t.Fatalf("the corrected report: %+v, %v", sum, err)
	}
	if len(f.kick) != 1 {
		t.Error("the run did not ask the refresher for its flags")
	}
	marks := allRows(t, s.DB, "(SELECT county, whole FROM m_flags_stale)")
	if len(marks) != 1 || marks[0][0] != county || marks[0][1] != false {
		t.Errorf("marks after the run: %v, want [[%s false]]", marks, county)
	}
	if diff := tableDiff(t, s.DB, "(SELECT * FROM m_flags WHERE county = '平沙县')", "(SELECT * FROM flags WHERE county = '平沙县')"); diff == "" {
		t.Errorf("m_flags of %s already equals its view before the refresh: the test proves nothing", county)
	}
	after := allRows(t, s.DB, "(SELECT * FROM m_flags WHERE county = '平沙县')")
	if len(after) != len(before) {
		t.Errorf("m_flags of %s changed before its refresh: %d rows, %d before the run", county, len(after), len(before))
	}
	for i := range after {
		for j := range after[i] {
			if !sameValue(after[i][j], before[i][j]) {
				t.Errorf("m_flags of %s changed before its refresh: row %d column %d %v, before %v", county, i, j, after[i][j], before[i][j])
			}
		}
	}
	if diff := tableDiff(t, s.DB, "(SELECT * FROM m_flags WHERE county <> '平沙县')", "(SELECT * FROM flags WHERE county <> '平沙县')"); diff != "" {
		t.Errorf("the other counties' m_flags differ from their view: %s", diff)
	}

	// The next open refreshes what the marks name.
	s.Close()
	s = mustOpen(t, path)
	if n := count(t, s, "SELECT count(*) FROM m_flags_stale"); n != 0 {
		t.Errorf("%d marks left after Open", n)
	}
	if diff := tableDiff(t, s.DB, "m_flags", "flags"); diff != "" {
		t.Errorf("after Open, m_flags differs from its view: %s", diff)
	}
}
