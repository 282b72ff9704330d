package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBulkRunDecidesAsASmallOne runs the same runs twice, once as small
// runs (each file's identity and state looked up in the database) and once
// as bulk runs (every known file and current identity read at once, copied
// prose measured in the stream: a run of 2,000 files or more), and checks
// that the two databases hold the same rows: the same reports with the
// same ids, the same log of every decision, the same versions and
// copied-prose measures. The second run decides every way a file can be
// decided: unchanged, replaced, refused for fewer parts, refused as a
// second report of a township-year in the run, loaded.
func TestBulkRunDecidesAsASmallOne(t *testing.T) {
	regions, err := ReadRegions("../../fixtures/demo/regions.csv")
	if err != nil {
		t.Fatal(err)
	}
	first, latest := demoFiles(t, func(p string) bool { return strings.Contains(p, "-2025.") })
	var texts2024 []string
	for _, p := range first {
		if strings.HasSuffix(p, "-2024.txt") {
			texts2024 = append(texts2024, p)
		}
	}
	if len(texts2024) < 2 || len(latest) == 0 {
		t.Fatalf("the demo corpus changed: %d text reports of 2024, %d of 2025", len(texts2024), len(latest))
	}
	edits := t.TempDir()
	edit := func(src, name string, change func(string) string) string {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(edits, filepath.Base(filepath.Dir(src)), name)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, []byte(change(string(b))), 0o644); err != nil {
			t.Fatal(err)
		}
		return dst
	}
	corrected := edit(texts2024[0], "更正-"+filepath.Base(texts2024[0]), func(s string) string { return s + "\n\n" })
	shorter := edit(texts2024[1], "缺表-"+filepath.Base(texts2024[1]), withoutPart4)
	twice := edit(latest[0], "重复-"+filepath.Base(latest[0]), func(s string) string { return s })
	second := append(append([]string{corrected, shorter}, first...), latest...)
	second = append(second, twice)

	runs := []struct {
		files []string
		opt   Options
		want  string // loaded replaced unchanged refused failed
	}{
		{first, Options{Regions: regions, By: "first"}, ""},
		{second, Options{By: "second"}, fmt.Sprintf("%d 1 %d 2 0", len(latest), len(first))},
	}
	var dumps [2]string
	for i, bulk := range []bool{false, true} {
		s := mustOpen(t, filepath.Join(t.TempDir(), "b.duckdb"))
		s.bulkAlways = bulk
		for j, r := range runs {
			sum, err := s.Ingest(context.Background(), r.files, r.opt)
			if err != nil {
				t.Fatalf("bulk %v, run %d: %v", bulk, j+1, err)
			}
			got := fmt.Sprint(sum.Loaded, sum.Replaced, sum.Unchanged, sum.Refused, sum.Failed)
			if r.want != "" && got != r.want {
				t.Errorf("bulk %v, run %d: loaded replaced unchanged refused failed = %s, want %s", bulk, j+1, got, r.want)
			}
		}
		dumps[i] = dumpDecisions(t, s)
	}
	if dumps[0] != dumps[1] {
		t.Errorf("a bulk run decided otherwise than small runs:\nsmall:\n%s\nbulk:\n%s", dumps[0], dumps[1])
	}
	for _, want := range []string{"replaced\t" + corrected, "refused\t" + shorter, "refused\t" + twice} {
		if !strings.Contains(dumps[0], want) {
			t.Errorf("the log does not hold %q", want)
		}
	}
}

// dumpDecisions prints what a database holds of its runs' decisions, in a
// stable order, without times.
func dumpDecisions(t *testing.T, s *Store) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT report_id, township, coalesce(county, ''), year, source_file, sha256, run_id FROM reports ORDER BY report_id`,
		`SELECT run_id, action, file, coalesce(org, ''), coalesce(year, 0), coalesce(detail, '') FROM ingest_log ORDER BY ALL`,
		`SELECT report_id, source_file, replaced_by, replaced_in_run, replaced_by_file, forced FROM report_versions ORDER BY ALL`,
		`SELECT report_id, shingles, coalesce(prev_report_id, 0), coalesce(prev_share, 0), coalesce(peer_report_id, 0), coalesce(peer_share, 0) FROM prose_similarity ORDER BY ALL`,
		`SELECT count(*), sum(proactive_items) FROM figures`,
	} {
		rows, err := s.DB.Query(q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, v := range vals {
				if i > 0 {
					b.WriteByte('\t')
				}
				fmt.Fprint(&b, v)
			}
			b.WriteByte('\n')
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		b.WriteString("--\n")
	}
	return b.String()
}

// TestRunSteps: a run says what its database part was made of, step by
// step in the order they ran (xxgk ingest --timings prints them): a bulk
// run with a checkpoint every step, a server's small run without the
// steps it does not take.
func TestRunSteps(t *testing.T) {
	files, _ := demoFiles(t, func(p string) bool { return strings.Contains(p, "-2025.") })
	for _, c := range []struct {
		name string
		bulk bool
		opt  Options
		want string
	}{
		{"bulk", true, Options{Checkpoint: true}, "rows, beside the parsing|of which copied prose|of which flushing|last rows|replaced reports|" +
			"copied prose|free Go memory|materialised tables|commit|m_flags|checkpoint"},
		{"small", false, Options{}, "rows, beside the parsing|of which flushing|last rows|replaced reports|copied prose|materialised tables|commit|m_flags"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := mustOpen(t, filepath.Join(t.TempDir(), "s.duckdb"))
			s.bulkAlways = c.bulk
			sum, err := s.Ingest(context.Background(), files, c.opt)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, st := range sum.Steps {
				names = append(names, st.Table)
			}
			if got := strings.Join(names, "|"); got != c.want {
				t.Errorf("steps %s, want %s", got, c.want)
			}
			// A first load finds its changed reports from its own rows,
			// then builds every part whole (most changed), each timed.
			var tables []string
			for _, tt := range sum.Tables {
				tables = append(tables, tt.Table)
			}
			want := []string{ChangedFromRun}
			for _, p := range matParts {
				want = append(want, "m_"+p.name+" (whole)")
			}
			if got, want := strings.Join(tables, "|"), strings.Join(want, "|"); got != want {
				t.Errorf("tables %s, want %s", got, want)
			}
		})
	}
}
