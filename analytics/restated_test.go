package analytics

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"xxgk/ingest/store"
	sqlfiles "xxgk/sql"
)

// TestRestatedOverMaterialised: the review queue and the county scorecards
// the pages read (review_queue.sql and scorecards.sql over m_flags, and
// over the view flags while m_flags is stale) equal the views
// review_queue and county_scorecard, the definitions, for every kind of
// selection, before any decision, after decisions that dismiss, confirm
// and reopen flags, and while m_flags is marked stale for a county or
// whole.
func TestRestatedOverMaterialised(t *testing.T) {
	ctx := context.Background()
	b, err := os.ReadFile(demoPath)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "demo.duckdb")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	db := New(s.DB)
	defer db.Close()

	var county, province string
	var year int
	if err := s.DB.QueryRow("SELECT county, province, year FROM review_queue WHERE county IS NOT NULL ORDER BY ALL LIMIT 1").
		Scan(&county, &province, &year); err != nil {
		t.Fatal(err)
	}
	check := func(stage string) {
		t.Helper()
		for _, q := range []ReviewQuery{{}, {Year: year}, {County: county}, {Province: province, Year: year},
			{Kind: "copied_prose"}, {Status: "dismissed"}, {Status: "open", County: county}, {Limit: 7}} {
			got, err := db.ReviewQueue(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			want, total := reviewQueueFromView(t, s, q)
			var ids []string
			for _, f := range got.Rows {
				ids = append(ids, fmt.Sprintf("%s %s %v %s", f.FlagID, f.Status, f.Reopened, f.LastStatus))
			}
			if !slices.Equal(ids, want) || got.Total != total {
				t.Errorf("%s: review queue %+v: %d of %d rows differ from the view's %d of %d", stage, q, len(ids), got.Total, len(want), total)
			}
		}
		for _, sc := range []struct {
			Scope
			year int
		}{{}, {Scope{Province: province}, 0}, {Scope{}, year}, {Scope{Province: province}, year}} {
			got, err := db.Scorecards(ctx, sc.Scope, sc.year)
			if err != nil {
				t.Fatal(err)
			}
			want := scorecardsFromView(t, s, sc.Scope, sc.year)
			var lines []string
			for _, c := range got {
				lines = append(lines, scorecardLine(c.County, c.City, c.Province, c.Year, c.Bodies, c.Reported, c.OnTime,
					c.DateUnknown, c.Consistent, c.Original, c.ReportedShare, c.OnTimeShare, c.ConsistentShare, c.OriginalShare))
			}
			if !slices.Equal(lines, want) {
				t.Errorf("%s: scorecards %+v:\n got %q\nwant %q", stage, sc, lines, want)
			}
		}
	}
	check("no decisions")

	// Dismiss a copied-prose flag and an arithmetic one (both count against
	// the scorecard), confirm another, and leave a stale decision: a
	// decision on a basis the flag no longer has reopens it.
	var decided []string
	for _, k := range []struct{ kind, status string }{{"copied_prose", "dismissed"}, {"arithmetic", "dismissed"}, {"late", "confirmed"}, {"jump", "dismissed"}} {
		var id string
		if err := s.DB.QueryRow("SELECT flag_id FROM review_queue WHERE kind = ? ORDER BY flag_id LIMIT 1", k.kind).Scan(&id); err != nil {
			t.Fatalf("no %s flag in the demo: %v", k.kind, err)
		}
		if _, err := s.Decide(ctx, store.Decision{FlagID: id, Status: k.status, By: "test"}); err != nil {
			t.Fatal(err)
		}
		decided = append(decided, id)
	}
	if _, err := s.DB.Exec("UPDATE review_decisions SET basis = 'stale' WHERE flag_id = ?", decided[3]); err != nil {
		t.Fatal(err)
	}
	db.Refresh()
	check("after decisions")

	// A run's marks before its refresh (flagsource.go): a marked county
	// reads the view; an area holding it, m_flags without it and the view
	// for it; every other area m_flags; with the same answers.
	other := ""
	if err := s.DB.QueryRow("SELECT min(county) FROM reports WHERE county <> ?", county).Scan(&other); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB.Exec("INSERT INTO m_flags_stale VALUES (?, FALSE, NULL)", county); err != nil {
		t.Fatal(err)
	}
	table, view := sqlfiles.FlagPlan{Rel: sqlfiles.FlagsTable}, sqlfiles.FlagPlan{Rel: sqlfiles.FlagsView}
	mixed := sqlfiles.FlagPlan{Rel: sqlfiles.FlagsTable, FromView: []string{county}}
	plans := func(stage string, cases []flagPlanCase) {
		t.Helper()
		for _, c := range cases {
			got, err := db.planFlags(ctx, c.province, "", c.county)
			if err != nil || !reflect.DeepEqual(got, c.want) {
				t.Errorf("%s: the flags of (%q, %q) read from %+v (%v), want %+v", stage, c.province, c.county, got, err, c.want)
			}
		}
	}
	plans("a county marked", []flagPlanCase{
		{"", county, view},
		{province, "", mixed},
		{"", "", mixed},
		{"", other, table},
		{"另一省", "", table},
	})
	check("a county marked stale")
	// Every county of the demo marked: parts of the whole area merged.
	if _, err := s.DB.Exec(`INSERT INTO m_flags_stale
		SELECT DISTINCT county, FALSE, NULL FROM reports WHERE county IS NOT NULL AND county <> ?`, county); err != nil {
		t.Fatal(err)
	}
	every := sqlfiles.FlagPlan{Rel: sqlfiles.FlagsTable}
	rows, err := s.DB.Query("SELECT DISTINCT county FROM reports WHERE county IS NOT NULL ORDER BY county")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			t.Fatal(err)
		}
		every.FromView = append(every.FromView, c)
	}
	if rows.Close(); len(every.FromView) < 2 {
		t.Fatalf("the demo's counties %v: the test needs two or more", every.FromView)
	}
	plans("every county marked", []flagPlanCase{{"", "", every}, {"", other, view}})
	check("every county marked stale")
	if _, err := s.DB.Exec("DELETE FROM m_flags_stale WHERE county <> ?", county); err != nil {
		t.Fatal(err)
	}
	// The unplaced bodies marked: no county holds them.
	if _, err := s.DB.Exec("INSERT INTO m_flags_stale VALUES (NULL, FALSE, NULL)"); err != nil {
		t.Fatal(err)
	}
	plans("the unplaced bodies marked", []flagPlanCase{{"", "", view}, {province, "", mixed}})
	check("the unplaced bodies marked stale")
	// Every county's missing flags (the span of years moved): every area.
	if _, err := s.DB.Exec("INSERT INTO m_flags_stale VALUES (NULL, FALSE, 'missing')"); err != nil {
		t.Fatal(err)
	}
	plans("every county's missing flags marked", []flagPlanCase{{"", "", view}, {"", other, view}})
	check("the missing flags marked stale")
	if _, err := s.DB.Exec("INSERT INTO m_flags_stale VALUES (NULL, TRUE, NULL)"); err != nil {
		t.Fatal(err)
	}
	plans("m_flags marked stale whole", []flagPlanCase{{"另一省", "", view}})
	check("m_flags marked stale whole")
}

// flagPlanCase is an area and where its flags are read from.
type flagPlanCase struct {
	province, county string
	want             sqlfiles.FlagPlan
}

// reviewQueueFromView reads the view review_queue with the query's filter
// and order.
func reviewQueueFromView(t *testing.T, s *store.Store, q ReviewQuery) ([]string, int) {
	t.Helper()
	rows, err := s.DB.Query(`SELECT flag_id, status, reopened, coalesce(last_status, ''), count(*) OVER ()
		FROM review_queue
		WHERE (? = 0 OR year = ?) AND county IS NOT NULL AND (? = '' OR county = ?) AND (? = '' OR province = ?)
			AND (? = '' OR city = ?) AND (? = '' OR kind = ?) AND (? = '' OR status = ?)
		ORDER BY status <> 'open', year DESC, county, township, kind, rule, cells
		LIMIT ?`, q.Year, q.Year, q.County, q.County, q.Province, q.Province, q.City, q.City, q.Kind, q.Kind,
		q.Status, q.Status, limit(q.Limit))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	total := 0
	for rows.Next() {
		var id, status, last string
		var reopened bool
		if err := rows.Scan(&id, &status, &reopened, &last, &total); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s %s %v %s", id, status, reopened, last))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out, total
}

// scorecardsFromView reads the view county_scorecard of an area and year
// (0: every year).
func scorecardsFromView(t *testing.T, s *store.Store, sc Scope, year int) []string {
	t.Helper()
	rows, err := s.DB.Query(`SELECT county, coalesce(city, ''), coalesce(province, ''), year, bodies, reported, on_time,
			date_unknown, consistent, original, reported_share, on_time_share, consistent_share, original_share
		FROM county_scorecard
		WHERE (? = '' OR province = ?) AND (? = '' OR city = ?) AND (? = 0 OR year = ?)
		ORDER BY province, city, county, year`, sc.Province, sc.Province, sc.City, sc.City, year, year)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var county, city, province string
		var year, bodies, reported, onTime, unknown, consistent int
		var original *int
		var rs, os, cs float64
		var orS *float64
		if err := rows.Scan(&county, &city, &province, &year, &bodies, &reported, &onTime, &unknown, &consistent, &original,
			&rs, &os, &cs, &orS); err != nil {
			t.Fatal(err)
		}
		out = append(out, scorecardLine(county, city, province, year, bodies, reported, onTime, unknown, consistent, original, rs, os, cs, orS))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func scorecardLine(county, city, province string, year, bodies, reported, onTime, unknown, consistent int, original *int,
	rs, os, cs float64, orS *float64) string {
	o, s := "nil", "nil"
	if original != nil {
		o = fmt.Sprint(*original)
	}
	if orS != nil {
		s = fmt.Sprint(*orS)
	}
	return fmt.Sprintf("%s|%s|%s|%d|%d|%d|%d|%d|%d|%s|%v|%v|%v|%s", county, city, province, year, bodies, reported, onTime,
		unknown, consistent, o, rs, os, cs, s)
}
