package analytics

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"xxgk/fixtures"
)

// proseKinds are the flag kinds only the answer key's plants can tell:
// the demo's other reports must raise none of them.
var proseKinds = map[string]bool{"copied_prose": true, "late": true, "text_vs_table": true}

// TestPlantedProseFlags: flag_copied_prose, flag_late and
// flag_text_vs_table flag exactly the reports the answer key plants them
// in, and no other.
func TestPlantedProseFlags(t *testing.T) {
	var want []string
	kinds := map[string]int{}
	for _, a := range key.answers {
		for _, p := range a.Planted {
			kind, rule, _ := strings.Cut(p, ":")
			if proseKinds[kind] {
				want = append(want, fmt.Sprintf("%s|%s|%d|%s|%s", a.township, a.county, a.Year, kind, rule))
				kinds[p]++
			}
		}
	}
	sort.Strings(want)
	var got []string
	for _, r := range viewRows(t, `SELECT township, county, year, kind, rule FROM flag_copied_prose
		UNION ALL SELECT township, county, year, kind, rule FROM flag_late
		UNION ALL SELECT township, county, year, kind, rule FROM flag_text_vs_table`) {
		rule := str(r["rule"])
		if str(r["kind"]) == "copied_prose" {
			rule = "" // previous or peer: the key plants a copy of last year's
			if str(r["rule"]) != "previous" {
				t.Errorf("%s %d: copied from a peer (%s): only copies of last year are planted", str(r["township"]), num(r["year"]), str(r["rule"]))
			}
		}
		got = append(got, fmt.Sprintf("%s|%s|%d|%s|%s", str(r["township"]), str(r["county"]), num(r["year"]), str(r["kind"]), rule))
	}
	sort.Strings(got)
	if !slices.Equal(got, want) {
		t.Errorf("prose flags:\n got %q\nwant %q", got, want)
	}
	for _, p := range []string{fixtures.PlantCopied, fixtures.PlantLate, fixtures.PlantTextRequests, fixtures.PlantFeesUnexplained} {
		if kinds[p] == 0 {
			t.Errorf("the demo plants no %s: the comparison is vacuous", p)
		}
	}
}

// TestPlantedFindingsShow: every finding the key plants in the figures
// shows in its view for that report (which others the figures imply is
// TestCrossYearChecksView's and TestPeerOutliersView's to check).
func TestPlantedFindingsShow(t *testing.T) {
	found := map[string]bool{}
	for _, r := range viewRows(t, `SELECT township, county, year, kind FROM cross_year_checks
		UNION ALL SELECT township, county, year, 'peer_outlier' FROM peer_outliers
		UNION ALL SELECT township, county, year, 'plausible' FROM quality_checks WHERE rule = 5`) {
		found[fmt.Sprintf("%s|%s|%d|%s", str(r["township"]), str(r["county"]), num(r["year"]), str(r["kind"]))] = true
	}
	planted := 0
	for _, a := range key.answers {
		for _, p := range a.Planted {
			if proseKinds[strings.SplitN(p, ":", 2)[0]] {
				continue
			}
			planted++
			if k := fmt.Sprintf("%s|%s|%d|%s", a.township, a.county, a.Year, p); !found[k] {
				t.Errorf("planted %s not found in its view", k)
			}
		}
	}
	if planted < 5 {
		t.Errorf("only %d figure findings planted: want carry_over, stock, jump, peer_outlier and plausible", planted)
	}
}

// TestReportCopied: the evidence of every planted copy names last year's
// report and lists the passages it repeats, most of them word for word.
func TestReportCopied(t *testing.T) {
	rows := viewRows(t, "SELECT report_id, year FROM flag_copied_prose")
	if len(rows) == 0 {
		t.Fatal("no copied prose in the demo")
	}
	for _, r := range rows {
		d, err := demo.Report(t.Context(), int64(num(r["report_id"])))
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Copied) != 1 || d.Copied[0].Rule != "previous" || d.Copied[0].OtherYear != num(r["year"])-1 || d.Copied[0].Share <= 0.5 {
			t.Errorf("report %v: copied %+v", r["report_id"], d.Copied)
			continue
		}
		same := 0
		for _, p := range d.Copied[0].Passages {
			if p.Share == 1 {
				same++
			}
		}
		if same < 6 {
			t.Errorf("report %v: %d passages repeated whole, want the 8 copied sentences' at least", r["report_id"], same)
		}
	}
}
