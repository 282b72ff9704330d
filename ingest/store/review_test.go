package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// implausibleSeed is the seed report stating n items published
// proactively, a figure no real report prints (a plausible flag).
func implausibleSeed(n string) func(string) string {
	return func(s string) string {
		return strings.Replace(s, "主动公开 65 条信息", "主动公开 "+n+" 条信息", 1)
	}
}

// implausibleLoaded opens a store in dir holding the seed report with
// 1000000000 items published proactively (from dir/a/danzhu.txt), and
// returns it with its plausible flag's id and basis.
func implausibleLoaded(t *testing.T, dir string) (*Store, string, string) {
	t.Helper()
	first := seedVariant(t, filepath.Join(dir, "a", "danzhu.txt"), implausibleSeed("1000000000"))
	s := mustOpen(t, filepath.Join(dir, "x.duckdb"))
	if sum, err := s.Ingest(context.Background(), []string{first}, Options{Regions: []Region{seedRegion}}); err != nil || sum.Loaded != 1 {
		t.Fatalf("%+v, %v", sum, err)
	}
	var id, basis string
	if err := s.DB.QueryRow(`SELECT flag_id, basis FROM review_queue WHERE kind = 'plausible'`).Scan(&id, &basis); err != nil {
		t.Fatal(err)
	}
	return s, id, basis
}

// flagState reads the flag's status, reopened and last_status, and the
// report it is on.
func flagState(t *testing.T, s *Store, id string) string {
	t.Helper()
	var status, last, comment, by string
	var reopened bool
	var report int64
	err := s.DB.QueryRow(`SELECT status, reopened, coalesce(last_status, ''), coalesce(comment, ''), coalesce(decided_by, ''), report_id
		FROM review_queue WHERE flag_id = ?`, id).Scan(&status, &reopened, &last, &comment, &by, &report)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprint(status, " ", reopened, " ", last, " ", comment, " ", by, " report ", report)
}

// TestDecisionSurvivesReingest: a dismissed flag stays dismissed when the
// same report is ingested again (a new file, a new report_id, the same
// figures), and is open again when the figures it rests on change.
func TestDecisionSurvivesReingest(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, id, basis := implausibleLoaded(t, dir)
	if basis != "found=1000000000.0" {
		t.Errorf("basis = %q", basis)
	}
	commits := 0
	s.OnCommit = func() { commits++ }
	at := time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)
	d, err := s.Decide(ctx, Decision{FlagID: id, Status: StatusDismissed, Comment: "原文如此，已核实", By: "张督查", At: at})
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(d.DecisionID, d.Kind, d.Township, d.County, d.Year, d.Cells, d.Basis, d.At.Equal(at), commits); got !=
		"1plausible丹朱镇长子县2020proactive_itemsfound=1000000000.0true 1" {
		t.Errorf("decided %s", got)
	}
	if got := flagState(t, s, id); got != "dismissed false dismissed 原文如此，已核实 张督查 report 1" {
		t.Errorf("after dismissing: %s", got)
	}

	// The same report again, from another file whose bytes differ outside
	// the tables: it replaces the report (a new report_id), the figures are
	// the same, the decision holds.
	again := seedVariant(t, filepath.Join(dir, "b", "danzhu.txt"), func(s string) string {
		return implausibleSeed("1000000000")(s) + "\n"
	})
	if sum, err := s.Ingest(ctx, []string{again}, Options{}); err != nil || sum.Replaced != 1 {
		t.Fatalf("same report again: %+v, %v", sum, err)
	}
	if got := flagState(t, s, id); got != "dismissed false dismissed 原文如此，已核实 张督查 report 2" {
		t.Errorf("after the same report again: %s", got)
	}

	// Its figure changes: the same flag (same id), open again, the old
	// decision shown as last_status.
	changed := seedVariant(t, filepath.Join(dir, "c", "danzhu.txt"), implausibleSeed("2000000000"))
	if sum, err := s.Ingest(ctx, []string{changed}, Options{}); err != nil || sum.Replaced != 1 {
		t.Fatalf("changed report: %+v, %v", sum, err)
	}
	if got := flagState(t, s, id); got != "open true dismissed   report 3" {
		t.Errorf("after the figure changed: %s", got)
	}
	// Decided again on the new basis; every decision is kept.
	if _, err := s.Decide(ctx, Decision{FlagID: id, Status: StatusConfirmed, By: "张督查"}); err != nil {
		t.Fatal(err)
	}
	if got := flagState(t, s, id); got != "confirmed false confirmed  张督查 report 3" {
		t.Errorf("after confirming: %s", got)
	}
	if n := count(t, s, `SELECT count(*) FROM review_decisions WHERE flag_id = ?`, id); n != 2 {
		t.Errorf("%d decisions kept, want 2", n)
	}
}

func TestDecideRefuses(t *testing.T) {
	s, _, _ := loadSeed(t)
	ctx := context.Background()
	for _, tc := range []struct {
		d    Decision
		want error
	}{
		{Decision{FlagID: "0123456789abcdef", Status: StatusDismissed, By: "a"}, ErrUnknownFlag},
		{Decision{FlagID: "0123456789abcdef", Status: "closed", By: "a"}, ErrBadDecision},
		{Decision{FlagID: "0123456789abcdef", Status: StatusOpen, By: " "}, ErrBadDecision},
		{Decision{FlagID: "0123456789abcdef", Status: StatusOpen, By: "a", Comment: strings.Repeat("长", MaxComment+1)}, ErrBadDecision},
		{Decision{FlagID: "", Status: StatusOpen, By: "a"}, ErrBadDecision},
	} {
		if _, err := s.Decide(ctx, tc.d); !errors.Is(err, tc.want) {
			t.Errorf("Decide(%+v) = %v, want %v", tc.d, err, tc.want)
		}
	}
	if n := count(t, s, `SELECT count(*) FROM review_decisions`); n != 0 {
		t.Errorf("%d decisions recorded", n)
	}
}

// TestDecideWhileMarked: a decision reads its flag from m_flags where no
// mark concerns it, and from the view for a county a run has marked
// (before its refresh: m_flags holds that county's flags of before).
func TestDecideWhileMarked(t *testing.T) {
	ctx := context.Background()
	s, id, _ := implausibleLoaded(t, t.TempDir())
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := s.DB.Exec(q, args...); err != nil {
			t.Fatal(err)
		}
	}
	// m_flags as a run leaves it before its refresh: the flag's old basis.
	exec(`UPDATE m_flags SET basis = 'before the run' WHERE flag_id = ?`, id)
	for _, tc := range []struct {
		name, marks, want string
	}{
		{"its county marked", "长子县", "found=1000000000.0"},
		{"another county marked", "别的县", "before the run"},
		{"its county and another marked", "长子县,别的县", "found=1000000000.0"},
	} {
		exec(`DELETE FROM m_flags_stale`)
		for _, c := range strings.Split(tc.marks, ",") {
			exec(`INSERT INTO m_flags_stale VALUES (?, FALSE, NULL)`, c)
		}
		d, err := s.Decide(ctx, Decision{FlagID: id, Status: StatusConfirmed, By: "张督查"})
		if err != nil || d.Basis != tc.want || d.County != "长子县" || d.Kind != "plausible" {
			t.Errorf("%s: decided on %q (%s, %s; %v), want the basis %q", tc.name, d.Basis, d.County, d.Kind, err, tc.want)
		}
	}
	// A flag the run made, not yet in m_flags: found in the view.
	exec(`DELETE FROM m_flags WHERE flag_id = ?`, id)
	exec(`DELETE FROM m_flags_stale WHERE county <> '长子县'`)
	if d, err := s.Decide(ctx, Decision{FlagID: id, Status: StatusDismissed, By: "张督查"}); err != nil || d.Basis != "found=1000000000.0" {
		t.Errorf("a new flag of a marked county: %+v, %v", d, err)
	}
	if _, err := s.Decide(ctx, Decision{FlagID: "0123456789abcdef", Status: StatusDismissed, By: "张督查"}); !errors.Is(err, ErrUnknownFlag) {
		t.Errorf("an unknown flag while a county is marked: %v, want ErrUnknownFlag", err)
	}
}
