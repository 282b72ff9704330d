package analytics

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"xxgk/ingest/store"
)

// TestUnplacedBodies: a body regions.csv does not place (丰塔乡, taken out
// of regions.csv, with a single report) is listed as unplaced, never as
// missing, and counted in no list of an area, so that the counts of the
// lists and the roll-ups agree.
func TestUnplacedBodies(t *testing.T) {
	ctx := context.Background()
	all, err := store.ReadRegions(demoDir + "/regions.csv")
	if err != nil {
		t.Fatal(err)
	}
	var regions []store.Region
	for _, r := range all {
		if r.Township != "丰塔乡" {
			regions = append(regions, r)
		}
	}
	files, err := filepath.Glob(demoDir + "/reports/*/平沙县/*")
	if err != nil || len(files) == 0 {
		t.Fatal(files, err)
	}
	files = slices.DeleteFunc(files, func(f string) bool {
		base := filepath.Base(f)
		return strings.HasPrefix(base, "丰塔乡-") && !strings.HasPrefix(base, "丰塔乡-2023.")
	})
	path := filepath.Join(t.TempDir(), "unplaced.duckdb")
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := s.Ingest(ctx, files, store.Options{Regions: regions})
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil || sum.Unplaced != 1 {
		t.Fatalf("ingest: %+v, %v; want one unplaced report", sum, err)
	}
	db, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r := New(db)

	un, err := r.Unplaced(ctx, 10)
	if err != nil || un.Total != 1 || len(un.Rows) != 1 {
		t.Fatalf("Unplaced = %+v, %v; want 丰塔乡 alone", un, err)
	}
	if u := un.Rows[0]; !strings.Contains(u.Name, "丰塔乡") || u.County != "" || u.Reports != 1 || u.FirstYear != 2023 || u.LastYear != 2023 || len(u.Orgs) == 0 {
		t.Errorf("unplaced row %+v", u)
	}
	missing, err := rowsOf(r.Missing(ctx, ListQuery{Limit: MaxLimit}))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range missing {
		if strings.Contains(m.Name, "丰塔乡") {
			t.Errorf("the unplaced body is listed missing: %+v", m)
		}
	}
	counts, err := r.ListCounts(ctx, Scope{})
	if err != nil {
		t.Fatal(err)
	}
	rollups, err := r.Rollups(ctx, RollupQuery{Level: LevelAll, Limit: MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	byYear := map[int]Rollup{}
	for _, x := range rollups {
		byYear[x.Year] = x
	}
	for _, c := range counts {
		x := byYear[c.Year]
		if c.Reports != x.Reports || c.Missing != x.Missing || c.ZeroActivity != x.ZeroActivity || c.Flagged != x.Flagged {
			t.Errorf("%d: lists count %+v, roll-up %+v; they must agree", c.Year, c, x)
		}
	}
	reports, err := rowsOf(r.Reports(ctx, ListQuery{Year: 2023, Limit: MaxLimit}))
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range reports {
		if strings.Contains(x.Name, "丰塔乡") {
			t.Error("the unplaced body is listed among the area's reports")
		}
	}
}
