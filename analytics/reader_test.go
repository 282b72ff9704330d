package analytics

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

var ctx = context.Background()

func TestYearsCountiesWeights(t *testing.T) {
	years, err := demo.Years(ctx)
	if err != nil || !slices.Equal(years, key.years) {
		t.Errorf("Years = %v, %v; want %v", years, err, key.years)
	}
	counties, err := demo.Counties(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	for tw := range key.towns {
		want[tw.county]++
	}
	if len(counties) != len(want) {
		t.Errorf("Counties = %v, want %v", counties, want)
	}
	for _, c := range counties {
		if c.Townships != want[c.Name] || c.City != "宁田市" || c.Province != "盛亭省" {
			t.Errorf("county %+v, want %d townships in 宁田市, 盛亭省", c, want[c.Name])
		}
	}
	weights, err := demo.Weights(ctx)
	if err != nil || len(weights) != len(wantWeights) || weights[0].Component != "proactive_items" {
		t.Fatalf("Weights = %+v, %v", weights, err)
	}
	for _, w := range weights {
		if w.Weight != wantWeights[w.Component] || w.Description == "" {
			t.Errorf("weight %+v, want %v", w, wantWeights[w.Component])
		}
	}
}

// TestRankings reads every ranking the dashboard can ask for and compares
// it, row by row and in order, with the model.
func TestRankings(t *testing.T) {
	c := newChecker(t)
	defer c.done()
	counties := []string{""}
	for tw := range key.towns {
		if !slices.Contains(counties, tw.county) {
			counties = append(counties, tw.county)
		}
	}
	for _, m := range Metrics {
		for _, y := range key.years {
			for _, county := range counties {
				list, err := demo.Rankings(ctx, RankingQuery{Year: y, Metric: m.Metric, County: county, Limit: MaxLimit})
				if err != nil {
					t.Fatal(err)
				}
				got := list.Rows
				var want []rankKey
				for k := range key.rankings {
					if k.year == y && k.metric == string(m.Metric) && (county == "" || k.county == county) {
						want = append(want, k)
					}
				}
				// Ranked rows by rank, then the unranked (small samples)
				// by value.
				rankOf := func(k rankKey) int {
					col := "county_rank"
					if county == "" {
						col = "rank"
					}
					if r, ok := key.rankings[k][col].(int); ok {
						return r
					}
					return 1 << 30
				}
				slices.SortFunc(want, func(a, b rankKey) int {
					return cmp.Or(cmp.Compare(rankOf(a), rankOf(b)),
						cmp.Compare(key.rankings[b]["value"].(float64), key.rankings[a]["value"].(float64)),
						strings.Compare(a.township, b.township))
				})
				c.eq(fmt.Sprintf("Rankings %s %d %q", m.Metric, y, county), "total", list.Total, len(want))
				if len(got) != len(want) {
					t.Errorf("%s %d %q: %d rows, want %d", m.Metric, y, county, len(got), len(want))
					continue
				}
				for i, r := range got {
					k, w := want[i], key.rankings[want[i]]
					where := fmt.Sprintf("Rankings %s %d %q row %d", m.Metric, y, county, i+1)
					c.eq(where, "township", r.Name, k.township)
					c.eq(where, "county", r.County, k.county)
					c.eq(where, "org", r.Org, w["org"])
					c.eq(where, "value", r.Value, w["value"])
					c.eq(where, "rank", r.Rank, w["rank"])
					c.eq(where, "numerator", r.Numerator, w["numerator"])
					c.eq(where, "denominator", r.Denominator, w["denominator"])
					c.eq(where, "small_sample", r.SmallSample, w["small_sample"])
					c.eq(where, "ranked", r.Ranked, w["ranked"])
					c.eq(where, "prev_rank", r.PrevRank, w["prev_rank"])
					c.eq(where, "rank_change", r.RankChange, w["rank_change"])
					c.eq(where, "county_rank", r.CountyRank, w["county_rank"])
					c.eq(where, "county_ranked", r.CountyRanked, w["county_ranked"])
					c.eq(where, "prev_county_rank", r.PrevCountyRank, w["prev_county_rank"])
					c.eq(where, "county_rank_change", r.CountyRankChange, w["county_rank_change"])
				}
			}
		}
	}
}

func TestRankingsQuery(t *testing.T) {
	latest := key.years[len(key.years)-1]
	list, err := demo.Rankings(ctx, RankingQuery{Metric: MetricProactiveItems, Limit: 5})
	got := list.Rows
	if err != nil || len(got) != 5 || got[0].Year != latest || got[0].Rank == nil || *got[0].Rank != 1 || list.Total <= 5 {
		t.Errorf("latest year, limit 5: %d rows of %d, %v, first %+v", len(got), list.Total, err, got)
	}
	if _, err := demo.Rankings(ctx, RankingQuery{Metric: "proactive_items; DROP TABLE reports"}); err == nil ||
		!strings.Contains(err.Error(), "unknown metric") {
		t.Errorf("an unknown metric gave %v, want an error naming the metrics", err)
	}
	if got, err := demo.Rankings(ctx, RankingQuery{Year: 1999, Metric: MetricGrantRate}); err != nil || len(got.Rows) != 0 || got.Total != 0 {
		t.Errorf("a year without reports gave %v, %v; want no rows", got, err)
	}
}

func TestParseMetric(t *testing.T) {
	for _, m := range Metrics {
		if got, err := ParseMetric(string(m.Metric)); err != nil || got != m.Metric {
			t.Errorf("ParseMetric(%q) = %q, %v", m.Metric, got, err)
		}
	}
	if _, err := ParseMetric("rank"); err == nil {
		t.Error("ParseMetric accepted an unknown name")
	}
}

// TestTownshipHistory compares every township's history with the model.
func TestTownshipHistory(t *testing.T) {
	c := newChecker(t)
	defer c.done()
	for tw, info := range key.towns {
		h, err := demo.TownshipHistory(ctx, tw.township, tw.county)
		if err != nil {
			t.Fatal(err)
		}
		where := "TownshipHistory " + tw.township + "/" + tw.county
		c.eq(where, "city", h.Township.City, info.city)
		c.eq(where, "reports", h.Township.Reports, len(h.Reports))
		n := 0
		for _, a := range key.answers {
			if a.town == tw {
				n++
			}
		}
		c.eq(where, "reports", len(h.Reports), n)
		var missing []int
		for k := range key.absent {
			if k.town == tw {
				missing = append(missing, k.year)
			}
		}
		slices.Sort(missing)
		if !slices.Equal(h.Missing, missing) && len(missing)+len(h.Missing) > 0 {
			t.Errorf("%s: missing years %v, want %v", where, h.Missing, missing)
		}
		for i, s := range h.Reports {
			a := key.byTY[ty{tw, s.Year}]
			if a == nil || i > 0 && h.Reports[i-1].Year >= s.Year {
				t.Errorf("%s: unexpected or unordered year %d", where, s.Year)
				continue
			}
			checkSummary(c, fmt.Sprintf("%s %d", where, s.Year), s, a)
		}
	}
	if _, err := demo.TownshipHistory(ctx, "无此镇", ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("an unknown township gave %v, want ErrNotFound", err)
	}
}

// checkSummary compares one report summary with the model.
func checkSummary(c *checker, w string, s ReportSummary, a *answer) {
	col := a.cols
	c.eq(w, "township", s.Name, a.township)
	c.eq(w, "county", s.County, a.county)
	c.eq(w, "city", s.City, a.city)
	c.eq(w, "org", s.Org, a.Org)
	c.eq(w, "template", s.Template, a.Template)
	c.eq(w, "published", s.Published, a.Published)
	c.eq(w, "source_file", s.SourceFile, demoDir+"/"+a.File)
	c.eq(w, "proactive_items", s.Proactive.Items, col["proactive_items"])
	c.eq(w, "prev_proactive_items", s.Proactive.PrevItems, col["prev_proactive_items"])
	c.eq(w, "proactive_items_change", s.Proactive.Change, col["proactive_items_change"])
	c.eq(w, "proactive_items_change_pct", s.Proactive.ChangePct, col["proactive_items_change_pct"])
	c.eq(w, "documents_issued", s.Proactive.DocumentsIssued, col["documents_issued"])
	c.eq(w, "decisions", s.Proactive.Decisions, col["decisions"])
	c.eq(w, "s2_active", s.Proactive.S2Active, col["s2_active"])
	q := s.Requests
	for name, got := range map[string]*float64{
		"requests_new": q.New, "requests_carried_in": q.CarriedIn, "requests_received": q.Received,
		"requests_processed": q.Processed, "granted": q.Granted, "partial": q.Partial, "denied": q.Denied,
		"unavailable": q.Unavailable, "rejected": q.Rejected, "other": q.Other, "carried_out": q.CarriedOut,
		"grant_rate": q.GrantRate, "natural_share": q.NaturalShare,
		"from_natural": q.Applicants.Natural, "from_commercial": q.Applicants.Commercial,
		"from_research": q.Applicants.Research, "from_social": q.Applicants.Social,
		"from_legal": q.Applicants.Legal, "from_other": q.Applicants.Other,
	} {
		c.eq(w, name, got, col[name])
	}
	for prefix, g := range map[string]AppealGroup{"review_": s.Appeals.Review, "suit_": s.Appeals.Suit} {
		for name, got := range map[string]*float64{"upheld": g.Upheld, "corrected": g.Corrected, "other": g.Other,
			"pending": g.Pending, "total": g.Total, "concluded": g.Concluded, "correction_rate": g.CorrectionRate} {
			c.eq(w, prefix+name, got, col[prefix+name])
		}
	}
	c.eq(w, "appeals_total", s.Appeals.Total, col["appeals_total"])
	c.eq(w, "correction_rate", s.Appeals.CorrectionRate, col["correction_rate"])
	c.eq(w, "activity_index", s.ActivityIndex, col["activity_index"])
	c.eq(w, "zero_activity", s.ZeroActivity, key.zero[ty{a.town, s.Year}] != nil)
	c.eq(w, "incomplete", s.Incomplete, nonNil(a.Truncated))
	c.eq(w, "checks", len(s.Checks), len(key.checks[ty{a.town, s.Year}]))
	for j, ch := range s.Checks {
		if j < len(key.checks[ty{a.town, s.Year}]) {
			v := key.checks[ty{a.town, s.Year}][j]
			c.eq(w, "check", fmt.Sprint(ch.Rule, ch.Cell, ch.Expected, ch.Found), fmt.Sprint(v.Rule, v.Where, v.Expected, v.Found))
		}
	}
}

func TestReports(t *testing.T) {
	c := newChecker(t)
	defer c.done()
	for _, y := range key.years {
		got, err := rowsOf(demo.Reports(ctx, ListQuery{Year: y, Limit: MaxLimit}))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, a := range key.answers {
			if a.Year == y {
				n++
			}
		}
		c.eq(fmt.Sprint("Reports ", y), "rows", len(got), n)
		for i, s := range got {
			a := key.byTY[ty{town{s.Name, s.County}, s.Year}]
			if a == nil || s.Year != y || i > 0 && got[i-1].County+got[i-1].Name > s.County+s.Name {
				t.Errorf("Reports %d: unexpected or unordered %s/%s", y, s.County, s.Name)
				continue
			}
			checkSummary(c, fmt.Sprintf("Reports %d %s/%s", y, s.County, s.Name), s, a)
		}
	}
	got, err := rowsOf(demo.Reports(ctx, ListQuery{County: "茶庄县", City: "宁田市"}))
	if err != nil || len(got) != 23 || got[0].Year != key.years[len(key.years)-1] {
		t.Errorf("茶庄县 in the latest year: %d reports, %v; want 23 (20 townships, the county government, 2 departments)", len(got), err)
	}
}

func TestScopes(t *testing.T) {
	for _, tc := range []struct {
		scope Scope
		towns int
	}{
		{Scope{}, len(key.towns)},
		{Scope{Province: "盛亭省"}, len(key.towns)},
		{Scope{Province: "盛亭省", City: "宁田市", County: "平沙县"}, 20}, // 17 townships, the county government, 2 departments
		{Scope{City: "别的市"}, 0},
	} {
		towns, err := demo.Townships(ctx, tc.scope, 0)
		if err != nil || len(towns) != tc.towns {
			t.Errorf("Townships(%+v) = %d rows, %v; want %d", tc.scope, len(towns), err, tc.towns)
		}
	}
	// Province and city filter every list: the demo's one city holds everything.
	for _, city := range []string{"宁田市", "别的市"} {
		want := func(n int) int {
			if city == "宁田市" {
				return n
			}
			return 0
		}
		rk, err1 := demo.Rankings(ctx, RankingQuery{Year: 2024, Metric: MetricProactiveItems, City: city, Limit: MaxLimit})
		zs, err2 := rowsOf(demo.ZeroActivity(ctx, ListQuery{Year: 2024, Province: "盛亭省", City: city, Limit: MaxLimit}))
		ms, err3 := rowsOf(demo.Missing(ctx, ListQuery{City: city, Limit: MaxLimit}))
		qs, err4 := rowsOf(demo.Quality(ctx, ListQuery{City: city, Limit: MaxLimit}))
		if err := errors.Join(err1, err2, err3, err4); err != nil {
			t.Fatal(err)
		}
		all, _ := demo.Rankings(ctx, RankingQuery{Year: 2024, Metric: MetricProactiveItems, Limit: MaxLimit})
		zero := 0
		for k := range key.zero {
			if k.year == 2024 {
				zero++
			}
		}
		if len(rk.Rows) != want(len(all.Rows)) || len(zs) != want(zero) || len(ms) != want(len(key.absent)) || len(qs) != want(len(key.quality)) {
			t.Errorf("city %s: %d rankings, %d zero, %d missing, %d quality", city, len(rk.Rows), len(zs), len(ms), len(qs))
		}
	}
}

func TestSearchTownships(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string // townships, in order
	}{
		{"北原", []string{"北原镇"}},
		{"平沙县北原镇人民政府", []string{"北原镇"}}, // an org name only a report uses
		{"  ", nil},
		{"%", nil}, // no wildcard
		{"无此镇", nil},
	} {
		got, err := demo.SearchTownships(ctx, tc.text, 10)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, g := range got {
			names = append(names, g.Name)
		}
		if !slices.Equal(names, tc.want) {
			t.Errorf("SearchTownships(%q) = %v, want %v", tc.text, names, tc.want)
		}
	}
	got, _ := demo.SearchTownships(ctx, "街道", 3)
	if len(got) != 3 {
		t.Errorf("limit 3 gave %d rows", len(got))
	}
	got, _ = demo.SearchTownships(ctx, "北原镇", 10)
	if len(got) != 1 || got[0].FirstYear != 2019 || got[0].Reports != 7 || len(got[0].Orgs) != 2 || !got[0].Placed {
		t.Errorf("北原镇 = %+v", got)
	}
}

func TestZeroActivityMissingQuality(t *testing.T) {
	c := newChecker(t)
	defer c.done()
	for _, y := range append([]int{0}, key.years...) {
		for _, county := range []string{"", "武峰区"} {
			q := ListQuery{Year: y, County: county, Limit: MaxLimit}
			zs, err := rowsOf(demo.ZeroActivity(ctx, q))
			if err != nil {
				t.Fatal(err)
			}
			zy := y
			if y == 0 {
				zy = key.years[len(key.years)-1]
			}
			n := 0
			for k := range key.zero {
				if k.year == zy && (county == "" || k.county == county) {
					n++
				}
			}
			c.eq(fmt.Sprintf("ZeroActivity %d %q", y, county), "rows", len(zs), n)
			for i, z := range zs {
				w := key.zero[ty{town{z.Name, z.County}, z.Year}]
				if w == nil || i > 0 && zs[i-1].Streak < z.Streak {
					t.Errorf("ZeroActivity %d %q: unexpected or unordered %+v", y, county, z)
					continue
				}
				c.eq("ZeroActivity", "streak", z.Streak, w["streak"])
				c.eq("ZeroActivity", "streak_start", z.StreakStart, w["streak_start"])
			}

			ms, err := rowsOf(demo.Missing(ctx, q))
			if err != nil {
				t.Fatal(err)
			}
			n = 0
			for k := range key.absent {
				if (y == 0 || k.year == y) && (county == "" || k.county == county) {
					n++
				}
			}
			c.eq(fmt.Sprintf("Missing %d %q", y, county), "rows", len(ms), n)
			for _, m := range ms {
				w := key.absent[ty{town{m.Name, m.County}, m.Year}]
				if w == nil {
					t.Errorf("Missing: unexpected %+v", m)
					continue
				}
				c.eq("Missing", "last_report_year", m.LastReportYear, w["last_report_year"])
			}

			qs, err := rowsOf(demo.Quality(ctx, q))
			if err != nil {
				t.Fatal(err)
			}
			n = 0
			for k := range key.quality {
				if (y == 0 || k.year == y) && (county == "" || k.county == county) {
					n++
				}
			}
			c.eq(fmt.Sprintf("Quality %d %q", y, county), "rows", len(qs), n)
			for _, qi := range qs {
				k := ty{town{qi.Name, qi.County}, qi.Year}
				w := key.quality[k]
				if w == nil {
					t.Errorf("Quality: unexpected %+v", qi)
					continue
				}
				c.eq("Quality", "incomplete", qi.Incomplete, w["incomplete"])
				var cells []string
				for _, ch := range qi.Checks {
					cells = append(cells, ch.Cell)
					if ch.RuleText == "" {
						t.Errorf("Quality %v: check without rule text", k)
					}
				}
				c.eq("Quality", "failing_cells", nonNil(cells), w["failing_cells"])
			}
		}
	}
	// The limit cuts a list: take the year with the most zero-activity rows.
	perYear := map[int]int{}
	busiest := 0
	for k := range key.zero {
		perYear[k.year]++
		if perYear[k.year] > perYear[busiest] {
			busiest = k.year
		}
	}
	if perYear[busiest] < 3 {
		t.Fatalf("the demo has at most %d zero-activity townships a year; the limit test needs 3", perYear[busiest])
	}
	if zs, _ := rowsOf(demo.ZeroActivity(ctx, ListQuery{Year: busiest, Limit: 2})); len(zs) != 2 {
		t.Errorf("ZeroActivity %d limit 2 gave %d rows", busiest, len(zs))
	}
}

func TestRollups(t *testing.T) {
	c := newChecker(t)
	defer c.done()
	for _, lv := range []Level{LevelCounty, LevelCity, LevelProvince, LevelAll} {
		rs, err := demo.Rollups(ctx, RollupQuery{Level: lv})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for k := range key.rollups {
			if k.level == string(lv) {
				n++
			}
		}
		c.eq(string(lv), "rows", len(rs), n)
		for _, r := range rs {
			w := key.rollups[rollKey{string(r.Level), r.Province, r.City, r.County, r.Year}]
			if w == nil {
				t.Errorf("Rollups: unexpected %+v", r)
				continue
			}
			where := fmt.Sprintf("Rollups %s %s %d", lv, r.County, r.Year)
			c.eq(where, "townships", r.Townships, w["townships"])
			c.eq(where, "missing", r.Missing, w["missing"])
			c.eq(where, "zero_activity", r.ZeroActivity, w["zero_activity"])
			c.eq(where, "flagged", r.Flagged, w["flagged"])
			c.eq(where, "proactive_items", r.ProactiveItems, w["proactive_items"])
			c.eq(where, "grant_rate", r.GrantRate, w["grant_rate"])
			c.eq(where, "correction_rate", r.CorrectionRate, w["correction_rate"])
			c.eq(where, "activity_index_mean", r.ActivityIndexMean, w["activity_index_mean"])
		}
	}
	rs, err := demo.Rollups(ctx, RollupQuery{Level: LevelCounty, County: "茶庄县", Year: 2023})
	if err != nil || len(rs) != 1 || rs[0].Missing != 1 {
		t.Errorf("茶庄县 2023 = %+v, %v; want one row with the one missing report", rs, err)
	}
	if _, err := demo.Rollups(ctx, RollupQuery{Level: "town"}); err == nil {
		t.Error("an unknown level was accepted")
	}
}

// TestTimeout checks that a reader query gives up at the DB's timeout.
func TestTimeout(t *testing.T) {
	d := &DB{SQL: demoDB, Timeout: time.Nanosecond}
	if _, err := d.Years(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("a 1 ns timeout gave %v", err)
	}
}

func TestThresholds(t *testing.T) {
	got, err := demo.Thresholds(ctx)
	if err != nil || got.MinRateDenominator != minRateDenominator {
		t.Errorf("Thresholds = %+v, %v; want the minimum denominator %d", got, err, minRateDenominator)
	}
}

func TestLoadedAt(t *testing.T) {
	got, err := demo.LoadedAt(ctx)
	if err != nil || got.IsZero() || got.After(time.Now().Add(time.Hour)) {
		t.Errorf("LoadedAt = %v, %v; want the demo's ingest time", got, err)
	}
}

// rowsOf is a list's rows, for the tests that compare rows.
func rowsOf[T any](l List[T], err error) ([]T, error) { return l.Rows, err }

// TestListTotals: every list says how long the complete list is, whatever
// its limit (count(*) OVER () in its own query).
func TestListTotals(t *testing.T) {
	year := key.years[len(key.years)-1]
	all := ListQuery{Year: year, Limit: MaxLimit}
	one := ListQuery{Year: year, Limit: 1}
	reports, err1 := demo.Reports(ctx, all)
	cutReports, err2 := demo.Reports(ctx, one)
	quality, err3 := demo.Quality(ctx, ListQuery{Limit: MaxLimit})
	cutQuality, err4 := demo.Quality(ctx, ListQuery{Limit: 1})
	missing, err5 := demo.Missing(ctx, ListQuery{Limit: 1})
	if err := errors.Join(err1, err2, err3, err4, err5); err != nil {
		t.Fatal(err)
	}
	if reports.Total != len(reports.Rows) || cutReports.Total != len(reports.Rows) || len(cutReports.Rows) != 1 || !cutReports.Cut() || reports.Cut() {
		t.Errorf("reports: %d of %d, cut to %d of %d", len(reports.Rows), reports.Total, len(cutReports.Rows), cutReports.Total)
	}
	if quality.Total != len(key.quality) || cutQuality.Total != len(key.quality) || len(cutQuality.Rows) != 1 {
		t.Errorf("quality: total %d and %d, want %d", quality.Total, cutQuality.Total, len(key.quality))
	}
	if missing.Total != len(key.absent) || len(missing.Rows) != 1 {
		t.Errorf("missing: %d rows of %d, want 1 of %d", len(missing.Rows), missing.Total, len(key.absent))
	}
}

// TestReport: one report's figures, checks and origin against the answer
// key; an unknown id is ErrNoReport.
func TestReport(t *testing.T) {
	c := newChecker(t)
	defer c.done()
	// A report that breaks the arithmetic, so its checks are exercised.
	var id int64
	var want ty
	for k := range key.quality {
		if len(key.checks[k]) > 0 {
			want = k
			break
		}
	}
	qs, err := demo.Quality(ctx, ListQuery{Year: want.year, County: want.county, Limit: MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range qs.Rows {
		if q.Name == want.township {
			id = q.ReportID
		}
	}
	r, err := demo.Report(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	a := key.byTY[want]
	where := fmt.Sprintf("Report %d (%v)", id, want)
	c.eq(where, "org", r.Org, a.Org)
	c.eq(where, "year", r.Year, want.year)
	c.eq(where, "figures", len(r.Figures), len(a.Figures))
	for k, v := range a.Figures {
		c.eq(where, k, r.Figures[k], v)
	}
	c.eq(where, "checks", len(r.Checks), len(key.checks[want]))
	if r.SHA256 == "" || !strings.HasSuffix(r.SourceFile, filepath.Base(a.File)) || r.Format == "" {
		t.Errorf("%s: origin %q %q %q", where, r.SourceFile, r.Format, r.SHA256)
	}
	if _, err := demo.Report(ctx, -1); !errors.Is(err, ErrNoReport) {
		t.Errorf("an unknown id gave %v, want ErrNoReport", err)
	}
}
