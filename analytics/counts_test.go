package analytics

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The counts, totals and top lists, each compared with what the answer key
// gives when the same rows are counted or added in Go.

// demoCounties are the demo's counties, and "" for all of them.
func demoCounties() []string {
	out := []string{""}
	for tw := range key.towns {
		if !slices.Contains(out, tw.county) {
			out = append(out, tw.county)
		}
	}
	slices.Sort(out)
	return out
}

// inArea says whether a township lies in the scope.
func inArea(t town, s Scope) bool {
	info := key.towns[t]
	return (s.Province == "" || info.province == s.Province) && (s.City == "" || info.city == s.City) &&
		(s.County == "" || t.county == s.County)
}

func TestTopReports(t *testing.T) {
	c := newChecker(t)
	defer c.done()
	for _, by := range TopColumns {
		for _, y := range key.years {
			for _, county := range demoCounties() {
				var want []*answer
				for _, a := range key.answers {
					if v := a.cols[string(by)].(*float64); a.Year == y && (county == "" || a.county == county) && v != nil && *v > 0 {
						want = append(want, a)
					}
				}
				slices.SortFunc(want, func(a, b *answer) int {
					return cmp.Or(cmp.Compare(*b.cols[string(by)].(*float64), *a.cols[string(by)].(*float64)),
						strings.Compare(a.county, b.county), strings.Compare(a.township, b.township))
				})
				for _, n := range []int{5, MaxLimit} {
					got, err := demo.TopReports(ctx, TopQuery{Year: y, By: by, County: county, Limit: n})
					if err != nil {
						t.Fatal(err)
					}
					w := want[:min(n, len(want))]
					where := fmt.Sprintf("TopReports %s %d %q limit %d", by, y, county, n)
					c.eq(where, "rows", len(got), len(w))
					for i := range min(len(got), len(w)) {
						c.eq(where, "township", got[i].County+"/"+got[i].Name, w[i].county+"/"+w[i].township)
						checkSummary(c, fmt.Sprintf("%s row %d", where, i+1), got[i], w[i])
					}
				}
			}
		}
	}
	got, err := demo.TopReports(ctx, TopQuery{By: TopRequestsProcessed, Limit: 1})
	if err != nil || len(got) != 1 || got[0].Year != key.years[len(key.years)-1] {
		t.Errorf("latest year: %+v, %v", got, err)
	}
	if _, err := demo.TopReports(ctx, TopQuery{By: "granted; DROP TABLE reports"}); err == nil ||
		!strings.Contains(err.Error(), "requests_processed, appeals_total") {
		t.Errorf("an unknown column gave %v, want an error naming the columns", err)
	}
}

// TestTopOfIsTopReports: the top list taken from a complete list of
// reports is TopReports' answer, row for row; a cut list gives none.
func TestTopOfIsTopReports(t *testing.T) {
	for _, by := range TopColumns {
		for _, y := range key.years {
			for _, county := range demoCounties() {
				list, err := demo.Reports(ctx, ListQuery{Year: y, County: county, Limit: MaxLimit})
				if err != nil {
					t.Fatal(err)
				}
				for _, n := range []int{3, 30} {
					want, err := demo.TopReports(ctx, TopQuery{Year: y, By: by, County: county, Limit: n})
					if err != nil {
						t.Fatal(err)
					}
					got, ok := TopOf(list, by, n)
					if !ok || !slices.EqualFunc(got, want, func(a, b ReportSummary) bool { return a.ReportID == b.ReportID }) {
						t.Errorf("%s %d %q top %d: %v (%v), want %v", by, y, county, n, ids(got), ok, ids(want))
					}
				}
				if len(list.Rows) > 1 {
					list.Rows = list.Rows[1:]
					if top, ok := TopOf(list, by, 30); ok || top != nil {
						t.Errorf("%s %d %q: a cut list gave a top list", by, y, county)
					}
				}
			}
		}
	}
	if _, ok := TopOf(List[ReportSummary]{}, "granted", 3); ok {
		t.Errorf("an unknown column gave a top list")
	}
}

func ids(l []ReportSummary) []int64 {
	out := make([]int64, len(l))
	for i, r := range l {
		out[i] = r.ReportID
	}
	return out
}

func TestRequestTotals(t *testing.T) {
	c := newChecker(t)
	defer c.done()
	cols := []string{"requests_new", "requests_carried_in", "requests_processed", "granted", "partial", "denied",
		"unavailable", "rejected", "other", "carried_out",
		"from_natural", "from_commercial", "from_research", "from_social", "from_legal", "from_other"}
	for _, y := range key.years {
		for _, county := range append(demoCounties(), "无此县") {
			n, sums := 0, map[string]*float64{}
			for _, a := range key.answers {
				if a.Year != y || county != "" && a.county != county {
					continue
				}
				n++
				for _, col := range cols {
					if v := a.cols[col].(*float64); v != nil {
						sums[col] = sum(coalesce(sums[col], new(float64)), v)
					}
				}
			}
			got, err := demo.RequestTotals(ctx, ListQuery{Year: y, County: county})
			if err != nil {
				t.Fatal(err)
			}
			where := fmt.Sprintf("RequestTotals %d %q", y, county)
			c.eq(where, "year", got.Year, y)
			c.eq(where, "reports", got.Reports, n)
			ap := got.Applicants
			for i, g := range []*float64{got.New, got.CarriedIn, got.Processed, got.Granted, got.Partial, got.Denied,
				got.Unavailable, got.Rejected, got.Other, got.CarriedOut,
				ap.Natural, ap.Commercial, ap.Research, ap.Social, ap.Legal, ap.Other} {
				c.eq(where, cols[i], g, sums[cols[i]])
			}
		}
	}
	got, err := demo.RequestTotals(ctx, ListQuery{})
	if err != nil || got.Year != key.years[len(key.years)-1] || got.Reports == 0 {
		t.Errorf("latest year: %+v, %v", got, err)
	}
}

func TestListCounts(t *testing.T) {
	c := newChecker(t)
	defer c.done()
	scopes := []Scope{{}, {Province: "盛亭省", City: "宁田市"}, {City: "别的市"}}
	for _, county := range demoCounties()[1:] {
		scopes = append(scopes, Scope{County: county})
	}
	for _, s := range scopes {
		want := map[int]*ListCount{}
		row := func(y int) *ListCount {
			if want[y] == nil {
				want[y] = &ListCount{Year: y}
			}
			return want[y]
		}
		for _, a := range key.answers {
			if inArea(a.town, s) {
				row(a.Year).Reports++
			}
		}
		for k := range key.absent {
			if inArea(k.town, s) {
				row(k.year).Missing++
			}
		}
		for k := range key.zero {
			if inArea(k.town, s) {
				row(k.year).ZeroActivity++
			}
		}
		for k, q := range key.quality {
			if !inArea(k.town, s) {
				continue
			}
			r := row(k.year)
			r.Flagged++
			if q["breaks_arithmetic"].(bool) {
				r.BreaksArithmetic++
			}
			if q["is_incomplete"].(bool) {
				r.Incomplete++
			}
		}
		got, err := demo.ListCounts(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		where := fmt.Sprintf("ListCounts %+v", s)
		c.eq(where, "years", len(got), len(want))
		for i, g := range got {
			w := want[g.Year]
			if w == nil || i > 0 && got[i-1].Year >= g.Year {
				t.Errorf("%s: unexpected or unordered year %d", where, g.Year)
				continue
			}
			c.eq(where, "row", fmt.Sprintf("%+v", g), fmt.Sprintf("%+v", *w))
		}
	}
	// The counts are the lengths of the complete lists.
	counts, _ := demo.ListCounts(ctx, Scope{County: "武峰区"})
	for _, n := range counts {
		q := ListQuery{Year: n.Year, County: "武峰区", Limit: MaxLimit}
		rs, err1 := rowsOf(demo.Reports(ctx, q))
		zs, err2 := rowsOf(demo.ZeroActivity(ctx, q))
		ms, err3 := rowsOf(demo.Missing(ctx, q))
		qs, err4 := rowsOf(demo.Quality(ctx, q))
		if err := cmp.Or(err1, err2, err3, err4); err != nil {
			t.Fatal(err)
		}
		if len(rs) != n.Reports || len(zs) != n.ZeroActivity || len(ms) != n.Missing || len(qs) != n.Flagged {
			t.Errorf("武峰区 %d: lists of %d, %d, %d, %d rows; counts %+v", n.Year, len(rs), len(zs), len(ms), len(qs), n)
		}
	}
}

func TestZeroStreaks(t *testing.T) {
	c := newChecker(t)
	defer c.done()
	for _, y := range key.years {
		for _, county := range demoCounties() {
			want := map[int]int{}
			for k, z := range key.zero {
				if k.year == y && (county == "" || k.county == county) {
					want[z["streak"].(int)]++
				}
			}
			got, err := demo.ZeroStreaks(ctx, ListQuery{Year: y, County: county})
			if err != nil {
				t.Fatal(err)
			}
			where := fmt.Sprintf("ZeroStreaks %d %q", y, county)
			c.eq(where, "streaks", len(got), len(want))
			for i, g := range got {
				if i > 0 && got[i-1].Streak >= g.Streak {
					t.Errorf("%s: unordered %+v", where, got)
				}
				c.eq(where, fmt.Sprintf("streak %d", g.Streak), g.Townships, want[g.Streak])
			}
		}
	}
	latest, err := demo.ZeroStreaks(ctx, ListQuery{})
	want, _ := demo.ZeroStreaks(ctx, ListQuery{Year: key.years[len(key.years)-1]})
	if err != nil || !slices.Equal(latest, want) {
		t.Errorf("year 0 gave %v, %v; want the latest year's %v", latest, err, want)
	}
}
