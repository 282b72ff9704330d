package sqlfiles_test

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	sqlfiles "xxgk/sql"
)

// TestFlagQueriesReadBoundRelation: the queries that read the supervision
// flags read them from the relation bound as a parameter (m_flags, or the
// view flags while m_flags is stale: analytics/flagsource.go), never from
// either by name: a query naming the view would compute the country's
// flags on every read, one naming m_flags would show stale flags after a
// run.
func TestFlagQueriesReadBoundRelation(t *testing.T) {
	byName := regexp.MustCompile(`\b(FROM|JOIN)\s+(m_flags|flags)\b`)
	bound := regexp.MustCompile(`\b(FROM|JOIN)\s+query_table\(\$\d+::VARCHAR\)`)
	files, _ := fs.Glob(sqlfiles.FS, "queries/*.sql")
	deeper, _ := fs.Glob(sqlfiles.FS, "queries/analytics/*.sql")
	var readers []string
	for _, file := range append(files, deeper...) {
		name := strings.TrimSuffix(strings.TrimPrefix(file, "queries/"), ".sql")
		q := code(sqlfiles.Query(name))
		if byName.MatchString(q) {
			t.Errorf("%s reads the flags by name: read query_table of a parameter bound to sqlfiles.FlagsTable or FlagsView", name)
		}
		if bound.MatchString(q) {
			readers = append(readers, name)
		}
	}
	want := []string{"analytics/review_queue", "analytics/scorecards", "review_flag"}
	for _, w := range want {
		found := false
		for _, r := range readers {
			found = found || r == w
		}
		if !found {
			t.Errorf("%s does not read the flags from a bound relation (readers: %v)", w, readers)
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
