package store

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"xxgk/fixtures"
)

// TestPlantedFlagsFreshCorpus generates a corpus other than the demo
// (another seed, size and span, with departments), ingests it and finds
// exactly the findings its answer key plants: the prose flags on their
// reports and no other, the figure findings each in its view.
func TestPlantedFlagsFreshCorpus(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	opt := fixtures.Options{Provinces: 1, Counties: 2, Towns: 10, FromYear: 2020, ToYear: 2024, Seed: 77, Departments: 3}
	if _, err := fixtures.Generate(ctx, opt, dir, nil); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "answers.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	answers, err := fixtures.ReadAnswers(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	regions, err := ReadRegions(filepath.Join(dir, "regions.csv"))
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	filepath.WalkDir(filepath.Join(dir, "reports"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			files = append(files, p)
		}
		return err
	})
	s := mustOpen(t, filepath.Join(dir, "x.duckdb"))
	if sum, err := s.Ingest(ctx, files, Options{Regions: regions}); err != nil || sum.Loaded != len(answers) {
		t.Fatalf("loaded %d of %d: %v", sum.Loaded, len(answers), err)
	}

	var wantProse, wantFigures []string
	for _, a := range answers {
		for _, p := range a.Planted {
			kind, rule, _ := strings.Cut(p, ":")
			row := fmt.Sprintf("%s|%d|%s", a.Org, a.Year, kind)
			switch kind {
			case "copied_prose":
				wantProse = append(wantProse, row+"|previous")
			case "late", "text_vs_table":
				wantProse = append(wantProse, row+"|"+rule)
			default:
				wantFigures = append(wantFigures, row)
			}
		}
	}
	sort.Strings(wantProse)
	// A county of eight townships or more gets the first eight plants;
	// the ninth (plausible) needs a ninth township.
	if len(wantProse) != 2*4 || len(wantFigures) < 2*4 {
		t.Fatalf("planted %q and %q: want the 4 prose and at least 4 figure findings in each of the 2 counties", wantProse, wantFigures)
	}
	gotProse := strs2(t, s, `SELECT org || '|' || year || '|' || kind || '|' || rule FROM (
		SELECT * FROM flag_copied_prose UNION ALL SELECT * FROM flag_late UNION ALL SELECT * FROM flag_text_vs_table) ORDER BY 1`)
	if !slices.Equal(gotProse, wantProse) {
		t.Errorf("prose flags:\n got %q\nwant %q", gotProse, wantProse)
	}
	gotFigures := strs2(t, s, `SELECT org || '|' || year || '|' || kind FROM cross_year_checks
		UNION ALL SELECT org || '|' || year || '|peer_outlier' FROM peer_outliers
		UNION ALL SELECT org || '|' || year || '|plausible' FROM quality_checks WHERE rule = 5`)
	for _, w := range wantFigures {
		if !slices.Contains(gotFigures, w) {
			t.Errorf("planted %s not in its view", w)
		}
	}
	// The departments' reports, due by 31 January, were published in time:
	// flag_late read their kind from the roster.
	if n := count(t, s, `SELECT count(*) FROM reports JOIN body_kinds USING (township, county)
		WHERE kind = 'department' AND published IS NOT NULL AND month(published) = 1`); n == 0 {
		t.Error("no department report shows a January date: the deadline test is vacuous")
	}
}

func strs2(t *testing.T, s *Store, query string) []string {
	t.Helper()
	rows, err := s.DB.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}
