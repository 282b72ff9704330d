package sqlfiles_test

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	sqlfiles "xxgk/sql"
)

// TestFlagQueriesTwins: every query that reads the supervision flags reads
// m_flags, and has a twin NAME_view.sql that reads the view flags in its
// stead (analytics/flagsource.go chooses between them), equal to it but
// for the relation: the two cannot drift apart.
func TestFlagQueriesTwins(t *testing.T) {
	readsView := regexp.MustCompile(`(?m)^[^-\n]*\b(FROM|JOIN)\s+flags\b`)
	readsTable := regexp.MustCompile(`(?m)^[^-\n]*\b(FROM|JOIN)\s+m_flags\b`)
	twins, err := fs.Glob(sqlfiles.FS, "queries/*_view.sql")
	if err != nil {
		t.Fatal(err)
	}
	more, _ := fs.Glob(sqlfiles.FS, "queries/analytics/*_view.sql")
	twins = append(twins, more...)
	if len(twins) < 3 {
		t.Fatalf("%d twins, want review_flag, review_queue and scorecards at least", len(twins))
	}
	paired := map[string]bool{}
	for _, file := range twins {
		name := strings.TrimSuffix(strings.TrimPrefix(file, "queries/"), "_view.sql")
		paired[name] = true
		view, table := code(sqlfiles.Query(name+"_view")), code(sqlfiles.Query(name))
		if !readsView.MatchString(view) || readsView.MatchString(table) || !readsTable.MatchString(table) {
			t.Errorf("%s reads m_flags and %s_view the view flags: want each the one relation", name, name)
		}
		if got := regexp.MustCompile(`\bm_flags\b`).ReplaceAllString(table, "flags"); got != view {
			t.Errorf("%s_view differs from %s by more than the relation read", name, name)
		}
	}
	// A query that reads the view without a twin would compute the
	// country's flags on every read.
	all, _ := fs.Glob(sqlfiles.FS, "queries/*.sql")
	deeper, _ := fs.Glob(sqlfiles.FS, "queries/analytics/*.sql")
	for _, file := range append(all, deeper...) {
		name := strings.TrimSuffix(strings.TrimPrefix(file, "queries/"), ".sql")
		if strings.HasSuffix(name, "_view") || paired[name] {
			continue
		}
		if readsView.MatchString(code(sqlfiles.Query(name))) {
			t.Errorf("%s reads the view flags: read m_flags, with a %s_view twin", name, name)
		}
	}
}

// code is a query without its comment lines.
func code(q string) string {
	var out []string
	for _, line := range strings.Split(q, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "--") {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}
