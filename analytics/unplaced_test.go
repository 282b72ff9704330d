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

// TestLateOfUnplacedBodies: flag_late finds an unplaced body's kind (no
// county) as it finds a placed one's: its rows equal the view's first
// statement, which joined body_kinds with IS NOT DISTINCT FROM on the
// county, on a database holding an unplaced report with a date.
func TestLateOfUnplacedBodies(t *testing.T) {
	ctx := context.Background()
	files, err := filepath.Glob(demoDir + "/reports/*/平沙县/丰塔乡-*")
	if err != nil || len(files) == 0 {
		t.Fatal(files, err)
	}
	path := filepath.Join(t.TempDir(), "late.duckdb")
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	// No regions: every report is unplaced (county NULL).
	if _, err := s.Ingest(ctx, files, store.Options{}); err != nil {
		t.Fatal(err)
	}
	// One published after every deadline, so that it is late whatever its kind.
	if _, err := s.DB.ExecContext(ctx, `UPDATE reports SET published = make_date(year + 2, 6, 1)
		WHERE report_id = (SELECT min(report_id) FROM reports)`); err != nil {
		t.Fatal(err)
	}
	const reference = `WITH due AS (
		SELECT r.report_id, r.org, r.township, r.county, r.city, r.province, r.year, r.published, d.label,
		       make_date(r.year + 1, d.due_month, d.due_day) AS deadline
		FROM reports AS r
		LEFT JOIN body_kinds AS k ON k.township = r.township AND k.county IS NOT DISTINCT FROM r.county
		JOIN deadlines AS d ON d.kind = coalesce(k.kind, 'other')
		WHERE r.published IS NOT NULL)
	SELECT report_id, county, label, deadline FROM due WHERE published > deadline`
	var unplaced, late, differ int
	if err := s.DB.QueryRowContext(ctx, `SELECT count(*) FROM reports WHERE county IS NULL AND published IS NOT NULL`).Scan(&unplaced); err != nil {
		t.Fatal(err)
	}
	if err := s.DB.QueryRowContext(ctx, `SELECT count(*) FROM flag_late WHERE county IS NULL`).Scan(&late); err != nil {
		t.Fatal(err)
	}
	if err := s.DB.QueryRowContext(ctx, `SELECT count(*) FROM (
		(SELECT report_id, evidence FROM flag_late EXCEPT ALL
		 SELECT report_id, printf('%s发布，%s的截止日期为%s，逾期%d天', strftime(published, '%Y-%m-%d'), label,
		        strftime(deadline, '%Y-%m-%d'), date_diff('day', deadline, published))
		 FROM (`+reference+`) JOIN reports USING (report_id))
		UNION ALL
		(SELECT report_id, printf('%s发布，%s的截止日期为%s，逾期%d天', strftime(published, '%Y-%m-%d'), label,
		        strftime(deadline, '%Y-%m-%d'), date_diff('day', deadline, published))
		 FROM (`+reference+`) JOIN reports USING (report_id)
		 EXCEPT ALL SELECT report_id, evidence FROM flag_late))`).Scan(&differ); err != nil {
		t.Fatal(err)
	}
	if unplaced == 0 || late == 0 || differ != 0 {
		t.Errorf("%d unplaced reports with a date, %d late flags without a county, %d rows differ from the reference; want >0, >0, 0",
			unplaced, late, differ)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}
