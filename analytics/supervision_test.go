package analytics

import (
	"fmt"
	"slices"
	"sort"
	"testing"
)

// The supervision checks of sql/views/6*.sql, computed again from the
// answer key alone. The thresholds of the view thresholds, restated:
const (
	jumpFactor      = 5.0
	peerFence       = 3.0
	peerMinIQR      = 5.0
	peerMinBodies   = 5
	jumpMinItems    = 50.0
	jumpMinRequests = 10.0
	jumpMinAppeals  = 5.0
)

var applicantColumns = []string{"natural", "commercial", "research", "social", "legal", "other", "total"}

// headlineFigure is a headline metric of report_metrics, from the figures.
func headlineFigure(a *answer, metric string) *float64 {
	switch metric {
	case "proactive_items":
		return a.fig("proactive_items")
	case "requests_new":
		return a.fig("s3.new.total")
	case "requests_processed":
		return a.fig("s3.processed.total")
	case "appeals_total":
		return sum(a.fig("s4.review.total"), a.fig("s4.suit_direct.total"), a.fig("s4.suit_after_review.total"))
	}
	panic(metric)
}

func finding(a *answer, kind, cell string, expected, found float64) string {
	return fmt.Sprintf("%s|%s|%d|%s|%s|%g|%g", a.township, a.county, a.Year, kind, cell, expected, found)
}

func (m *model) crossYear() []string {
	var out []string
	for _, a := range m.answers {
		p := m.byTY[ty{a.town, a.Year - 1}]
		if p == nil {
			continue
		}
		for _, col := range applicantColumns {
			want, got := p.fig("s3.carried_out."+col), a.fig("s3.carried_in."+col)
			if want != nil && got != nil && *want != *got {
				out = append(out, finding(a, "carry_over", "s3.carried_in."+col, *want, *got))
			}
		}
		if a.Template == "2021" && p.Template == "2021" {
			for _, row := range []string{"regulations", "normative"} {
				want := sub(sum(p.fig("s2."+row+".in_force"), a.fig("s2."+row+".issued")), a.fig("s2."+row+".repealed"))
				got := a.fig("s2." + row + ".in_force")
				if want != nil && got != nil && *want != *got {
					out = append(out, finding(a, "stock", "s2."+row+".in_force", *want, *got))
				}
			}
		}
		for metric, floor := range map[string]float64{"proactive_items": jumpMinItems, "requests_new": jumpMinRequests,
			"requests_processed": jumpMinRequests, "appeals_total": jumpMinAppeals} {
			was, is := headlineFigure(p, metric), headlineFigure(a, metric)
			if was != nil && is != nil && *was >= floor && *is >= floor && (*is > jumpFactor**was || *is*jumpFactor < *was) {
				out = append(out, finding(a, "jump", metric, *was, *is))
			}
		}
	}
	sort.Strings(out)
	return out
}

// quantile is DuckDB's quantile_cont: linear interpolation between the
// sorted values around position q·(n−1).
func quantile(sorted []float64, q float64) float64 {
	pos := q * float64(len(sorted)-1)
	lo := int(pos)
	if lo+1 >= len(sorted) {
		return sorted[lo]
	}
	return sorted[lo] + (pos-float64(lo))*(sorted[lo+1]-sorted[lo])
}

func (m *model) peerOutliers() []string {
	type group struct {
		county, metric string
		year           int
	}
	members := map[group][]*answer{}
	for _, a := range m.answers {
		for _, metric := range []string{"proactive_items", "requests_new", "appeals_total"} {
			if headlineFigure(a, metric) != nil {
				g := group{a.county, metric, a.Year}
				members[g] = append(members[g], a)
			}
		}
	}
	var out []string
	for g, as := range members {
		if len(as) < peerMinBodies {
			continue
		}
		vals := make([]float64, len(as))
		for i, a := range as {
			vals[i] = *headlineFigure(a, g.metric)
		}
		slices.Sort(vals)
		q1, q3 := quantile(vals, 0.25), quantile(vals, 0.75)
		width := peerFence * max(q3-q1, peerMinIQR)
		for _, a := range as {
			v := *headlineFigure(a, g.metric)
			if v < q1-width || v > q3+width {
				out = append(out, fmt.Sprintf("%s|%s|%d|%s|%g|%d", a.township, a.county, a.Year, g.metric, v, len(as)))
			}
		}
	}
	sort.Strings(out)
	return out
}

func TestCrossYearChecksView(t *testing.T) {
	want := key.crossYear()
	var got []string
	for _, r := range viewRows(t, "SELECT township, county, year, kind, cell, expected, found, prev_report_id FROM cross_year_checks") {
		got = append(got, fmt.Sprintf("%s|%s|%d|%s|%s|%g|%g", str(r["township"]), str(r["county"]), num(r["year"]),
			str(r["kind"]), str(r["cell"]), norm(r["expected"]), norm(r["found"])))
	}
	sort.Strings(got)
	if !slices.Equal(got, want) {
		t.Errorf("cross_year_checks:\n got %q\nwant %q", got, want)
	}
	// The demo breaks carry-over on purpose where a template changed or a
	// year is missing; an empty answer here would prove nothing.
	if len(want) == 0 {
		t.Error("the demo has no cross-year finding: the comparison is vacuous")
	}
}

func TestPeerOutliersView(t *testing.T) {
	want := key.peerOutliers()
	var got []string
	for _, r := range viewRows(t, "SELECT township, county, year, metric, value, bodies FROM peer_outliers") {
		got = append(got, fmt.Sprintf("%s|%s|%d|%s|%g|%d", str(r["township"]), str(r["county"]), num(r["year"]),
			str(r["metric"]), norm(r["value"]), num(r["bodies"])))
	}
	sort.Strings(got)
	if !slices.Equal(got, want) {
		t.Errorf("peer_outliers:\n got %q\nwant %q", got, want)
	}
	if len(want) == 0 {
		t.Error("the demo has no peer outlier: the comparison is vacuous")
	}
}
