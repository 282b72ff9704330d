package dashboard

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"xxgk/analytics"
)

// fakeSource is a small, fixed Source: one province, one city, two
// counties, four townships (one named like an attack), three years, and a
// body in no county. Its err, if set, is what every method returns. With
// max above 0 it cuts every list at max rows, as the row cap cuts a whole
// country's.
type fakeSource struct {
	err error
	// sources are the report details Report answers with before deriving
	// one from reports.
	sources map[int64]*analytics.ReportDetail
	reports []analytics.ReportSummary
	missing []analytics.MissingReport
	max     int
}

// list returns rows as a List, cut at max rows.
func list[T any](fs *fakeSource, rows []T) (List[T], error) {
	l := whole(rows)
	if fs.max > 0 && len(rows) > fs.max {
		l.Rows = rows[:fs.max]
	}
	return l, fs.err
}

// evilName is a township name that must reach every page as text.
const evilName = "<script>alert(1)</script>镇"

// fakeTown is a township and the name of its body.
type fakeTown struct {
	analytics.Township
	Org string
}

var (
	townA = fakeTown{analytics.Township{Name: "丰塔乡", County: "平沙县", City: "宁田市", Province: "盛亭省"}, "丰塔乡人民政府"}
	townB = fakeTown{analytics.Township{Name: "兰滩镇", County: "平沙县", City: "宁田市", Province: "盛亭省"}, "兰滩镇人民政府"}
	townC = fakeTown{analytics.Township{Name: "南岭乡", County: "武峰区", City: "宁田市", Province: "盛亭省"}, "南岭乡人民政府"}
	// townUnplaced is a body regions.csv does not place: one report, in no
	// list but its own.
	townUnplaced = fakeTown{analytics.Township{Name: "县档案馆" + evilName}, "县档案馆" + evilName}
	townEvil     = fakeTown{analytics.Township{Name: evilName, County: "武峰区", City: "宁田市", Province: "盛亭省"}, evilName + "人民政府"}
)

func f(v float64) *float64 { return &v }

// fakeReport makes a report whose figures follow from a few numbers.
func fakeReport(t fakeTown, year int, items, granted, denied, review float64) analytics.ReportSummary {
	processed := granted + denied
	r := analytics.ReportSummary{
		Township: t.Township, Org: t.Org, ReportID: int64(year*100 + len(t.Name)), Year: year, Template: "2021",
		SourceFile: "reports/" + t.County + "/" + t.Name + "-" + strconv.Itoa(year) + ".txt",
		Proactive:  analytics.Proactive{Items: f(items), Decisions: f(items / 2)},
		Requests: analytics.Requests{
			New: f(processed), CarriedIn: f(0), Processed: f(processed), CarriedOut: f(0),
			Granted: f(granted), Partial: f(0), Denied: f(denied), Unavailable: f(0), Rejected: f(0), Other: f(0),
			Applicants: analytics.Applicants{Natural: f(processed), Commercial: f(0), Research: f(0), Social: f(0), Legal: f(0), Other: f(0)},
		},
		Appeals: analytics.Appeals{
			Review: analytics.AppealGroup{Upheld: f(review), Corrected: f(0), Other: f(0), Pending: f(0), Total: f(review)},
			Suit:   analytics.AppealGroup{Upheld: f(0), Corrected: f(0), Other: f(0), Pending: f(0), Total: f(0)},
			Total:  f(review),
		},
		ActivityIndex: f(items / 2),
		Checks:        []analytics.Check{},
		Warnings:      []string{},
		Incomplete:    []string{},
	}
	if processed > 0 {
		r.Requests.GrantRate = f(granted / processed)
	}
	if review > 0 {
		r.Appeals.CorrectionRate = f(0)
	}
	r.ZeroActivity = items == 0 && processed == 0
	return r
}

func newFake() *fakeSource {
	fs := &fakeSource{}
	for _, y := range []int{2023, 2024, 2025} {
		k := float64(y - 2022)
		fs.reports = append(fs.reports,
			fakeReport(townA, y, 60+k, 3, 1, 1),
			fakeReport(townB, y, 40*k, 1, 0, 0),
			fakeReport(townEvil, y, 10+k, 2, 2, 0),
		)
		if y != 2024 {
			fs.reports = append(fs.reports, fakeReport(townC, y, 0, 0, 0, 0))
		}
	}
	// One report breaks rule 1 and lacks part 四.
	bad := &fs.reports[len(fs.reports)-2]
	bad.Checks = []analytics.Check{{Rule: 1, Cell: "s3.carried_out.total", Expected: 0, Found: 2}}
	bad.Incomplete = []string{"s4"}
	bad.Warnings = []string{"proactive_items: " + evilName}
	fs.missing = []analytics.MissingReport{{Township: townC.Township, Org: townC.Org, Year: 2024}}
	fs.reports = append(fs.reports, fakeReport(townUnplaced, 2024, 3, 0, 0, 0))
	return fs
}

func (fs *fakeSource) Catalog(ctx context.Context) (Catalog, error) {
	return Catalog{
		Counties: []analytics.County{
			{Name: "平沙县", City: "宁田市", Province: "盛亭省", Townships: 2},
			{Name: "武峰区", City: "宁田市", Province: "盛亭省", Townships: 2},
		},
		Years: []int{2023, 2024, 2025},
		// Below the real 5, so that the fake's rates (1 to 4 requests)
		// include both ranked ones and a small sample.
		MinRateDenominator: fakeMinRate,
	}, fs.err
}

// fakeMinRate is the fake's minimum denominator of a rate.
const fakeMinRate = 3

// Unplaced lists the reports of bodies in no county (townUnplaced), which
// no other list holds.
func (fs *fakeSource) Unplaced(ctx context.Context) (List[analytics.TownshipInfo], error) {
	rows := []analytics.TownshipInfo{}
	for _, r := range fs.reports {
		if r.County == "" {
			rows = append(rows, analytics.TownshipInfo{Township: r.Township, Orgs: []string{r.Org},
				FirstYear: r.Year, LastYear: r.Year, Reports: 1})
		}
	}
	return whole(rows), fs.err
}

func inScope(t analytics.Township, sc Scope) bool {
	return t.County != "" && // an unplaced body is in no area, as over analytics
		(sc.Province == "" || t.Province == sc.Province) &&
		(sc.City == "" || t.City == sc.City) &&
		(sc.County == "" || t.County == sc.County)
}

func (fs *fakeSource) inScope(s Scope, year int) []analytics.ReportSummary {
	var out []analytics.ReportSummary
	for _, r := range fs.reports {
		if inScope(r.Township, s) && (year == 0 || r.Year == year) {
			out = append(out, r)
		}
	}
	return out
}

func (fs *fakeSource) Summary(ctx context.Context, s Scope) ([]analytics.Rollup, error) {
	var out []analytics.Rollup
	for _, y := range []int{2023, 2024, 2025} {
		sum := analytics.Rollup{Year: y, ProactiveItems: f(0), RequestsNew: f(0), RequestsProcessed: f(0), GrantedOrPartial: f(0),
			AppealsTotal: f(0), AppealsCorrected: f(0), AppealsConcluded: f(0)}
		for _, r := range fs.inScope(s, y) {
			sum.Reports++
			*sum.ProactiveItems += val(r.Proactive.Items)
			*sum.RequestsNew += val(r.Requests.New)
			*sum.RequestsProcessed += val(r.Requests.Processed)
			*sum.GrantedOrPartial += val(r.Requests.Granted)
			*sum.AppealsTotal += val(r.Appeals.Total)
			*sum.AppealsConcluded += val(r.Appeals.Total)
			if r.ZeroActivity {
				sum.ZeroActivity++
			}
			if len(r.Checks) > 0 || len(r.Incomplete) > 0 {
				sum.Flagged++
			}
		}
		for _, m := range fs.missing {
			if m.Year == y && inScope(m.Township, s) {
				sum.Missing++
			}
		}
		sum.Townships = sum.Reports + sum.Missing
		sum.GrantRate = ratioOf(*sum.GrantedOrPartial, *sum.RequestsProcessed)
		sum.CorrectionRate = ratioOf(*sum.AppealsCorrected, *sum.AppealsConcluded)
		if sum.Reports > 0 || sum.Missing > 0 {
			out = append(out, sum)
		}
	}
	return out, fs.err
}

func ratioOf(a, b float64) *float64 {
	if b == 0 {
		return nil
	}
	return f(a / b)
}

func (fs *fakeSource) Counts(ctx context.Context, s Scope) ([]analytics.ListCount, error) {
	var out []analytics.ListCount
	for _, y := range []int{2023, 2024, 2025} {
		c := analytics.ListCount{Year: y}
		for _, r := range fs.inScope(s, y) {
			c.Reports++
			if r.ZeroActivity {
				c.ZeroActivity++
			}
			if len(r.Checks) > 0 || len(r.Incomplete) > 0 {
				c.Flagged++
			}
			if len(r.Checks) > 0 {
				c.BreaksArithmetic++
			}
			if len(r.Incomplete) > 0 {
				c.Incomplete++
			}
		}
		for _, m := range fs.missing {
			if m.Year == y && inScope(m.Township, s) {
				c.Missing++
			}
		}
		if c.Reports > 0 || c.Missing > 0 {
			out = append(out, c)
		}
	}
	return out, fs.err
}

func (fs *fakeSource) TopReports(ctx context.Context, s Scope, year int, by string, n int) ([]analytics.ReportSummary, error) {
	value := func(r analytics.ReportSummary) float64 {
		if by == TopAppeals {
			return val(r.Appeals.Total)
		}
		return val(r.Requests.Processed)
	}
	var out []analytics.ReportSummary
	for _, r := range fs.inScope(s, year) {
		if value(r) > 0 {
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out, func(a, b analytics.ReportSummary) int { return cmp.Compare(value(b), value(a)) })
	return out[:min(n, len(out))], fs.err
}

func (fs *fakeSource) RequestTotals(ctx context.Context, s Scope, year int) (analytics.RequestTotals, error) {
	t := analytics.RequestTotals{Year: year}
	add := func(p **float64, v *float64) {
		if v != nil {
			*p = f(val(*p) + *v)
		}
	}
	for _, r := range fs.inScope(s, year) {
		q := r.Requests
		t.Reports++
		add(&t.New, q.New)
		add(&t.Processed, q.Processed)
		for _, p := range []struct{ dst, v **float64 }{{&t.Granted, &q.Granted}, {&t.Partial, &q.Partial}, {&t.Denied, &q.Denied},
			{&t.Unavailable, &q.Unavailable}, {&t.Rejected, &q.Rejected}, {&t.Other, &q.Other}} {
			add(p.dst, *p.v)
		}
		a, ta := q.Applicants, &t.Applicants
		for _, p := range []struct{ dst, v **float64 }{{&ta.Natural, &a.Natural}, {&ta.Commercial, &a.Commercial},
			{&ta.Research, &a.Research}, {&ta.Social, &a.Social}, {&ta.Legal, &a.Legal}, {&ta.Other, &a.Other}} {
			add(p.dst, *p.v)
		}
	}
	return t, fs.err
}

func (fs *fakeSource) ZeroStreaks(ctx context.Context, s Scope, year int) ([]analytics.StreakCount, error) {
	zero, err := fs.ZeroActivity(ctx, s, year)
	var out []analytics.StreakCount
	if zero.Total > 0 {
		out = append(out, analytics.StreakCount{Streak: 1, Townships: zero.Total}) // every fake streak is 1
	}
	return out, err
}

// Rankings ranks as the rankings view does: a rate on fewer than
// fakeMinRate processed requests keeps its row without a rank; a change is
// the previous rank minus this one, nil when either is missing.
func (fs *fakeSource) Rankings(ctx context.Context, s Scope, metric string, year int) (List[analytics.Ranking], error) {
	value := func(r analytics.ReportSummary) *float64 {
		switch metric {
		case "proactive_items":
			return r.Proactive.Items
		case "requests_new":
			return r.Requests.New
		case "grant_rate":
			return r.Requests.GrantRate
		case "decisions":
			return r.Proactive.Decisions
		case "activity_index":
			return r.ActivityIndex
		}
		return nil
	}
	rank := func(y int) map[analytics.Township]analytics.Ranking {
		var rows, small []analytics.Ranking
		for _, r := range fs.inScope(Scope{}, y) {
			v := value(r)
			if v == nil {
				continue
			}
			row := analytics.Ranking{Township: r.Township, Org: r.Org, ReportID: r.ReportID, Year: y,
				Metric: analytics.Metric(metric), Value: *v}
			if metric == "grant_rate" {
				row.Numerator, row.Denominator = f(val(r.Requests.Granted)+val(r.Requests.Partial)), r.Requests.Processed
				if val(r.Requests.Processed) < fakeMinRate {
					row.SmallSample = true
					small = append(small, row)
					continue
				}
			}
			rows = append(rows, row)
		}
		slices.SortStableFunc(rows, func(a, b analytics.Ranking) int { return cmp.Compare(b.Value, a.Value) })
		out := map[analytics.Township]analytics.Ranking{}
		for i := range rows {
			rank, n := i+1, 0
			for _, o := range rows[:i] {
				if o.County == rows[i].County {
					n++
				}
			}
			county := n + 1
			rows[i].Rank, rows[i].Ranked, rows[i].CountyRank = &rank, len(rows), &county
			out[rows[i].Township] = rows[i]
		}
		for _, r := range small {
			r.Ranked = len(rows)
			out[r.Township] = r
		}
		return out
	}
	change := func(prev, cur *int) *int {
		if prev == nil || cur == nil {
			return nil
		}
		d := *prev - *cur
		return &d
	}
	cur, prev := rank(year), rank(year-1)
	var out []analytics.Ranking
	for _, r := range fs.inScope(s, year) {
		row, ok := cur[r.Township]
		if !ok {
			continue
		}
		row.PrevRank, row.PrevCountyRank = prev[r.Township].Rank, prev[r.Township].CountyRank
		row.RankChange, row.CountyRankChange = change(row.PrevRank, row.Rank), change(row.PrevCountyRank, row.CountyRank)
		out = append(out, row)
	}
	// Ranked first by rank, small samples last by value.
	order := func(r analytics.Ranking) int {
		if r.Rank == nil {
			return 1 << 30
		}
		return *r.Rank
	}
	slices.SortStableFunc(out, func(a, b analytics.Ranking) int {
		return cmp.Or(cmp.Compare(order(a), order(b)), cmp.Compare(b.Value, a.Value))
	})
	return list(fs, out)
}

func (fs *fakeSource) Reports(ctx context.Context, s Scope, year int) (List[analytics.ReportSummary], error) {
	return list(fs, fs.inScope(s, year))
}

func (fs *fakeSource) Township(ctx context.Context, county, name string) (*analytics.History, error) {
	if fs.err != nil {
		return nil, fs.err
	}
	h := &analytics.History{}
	for _, r := range fs.reports {
		if r.Name == name && r.County == county {
			h.Township.Township = r.Township
			h.Township.Orgs = []string{r.Org}
			h.Reports = append(h.Reports, r)
		}
	}
	for _, m := range fs.missing {
		if m.Name == name && m.County == county {
			h.Missing = append(h.Missing, m.Year)
		}
	}
	if h.Township.Name == "" {
		return nil, fmt.Errorf("fake: township %s: %w", name, ErrNotFound)
	}
	return h, nil
}

func (fs *fakeSource) ZeroActivity(ctx context.Context, s Scope, year int) (List[analytics.ZeroActivity], error) {
	var out []analytics.ZeroActivity
	for _, r := range fs.inScope(s, year) {
		if r.ZeroActivity {
			out = append(out, analytics.ZeroActivity{Township: r.Township, Org: r.Org, ReportID: r.ReportID, Year: year,
				ProactiveItems: r.Proactive.Items, Streak: 1, StreakStart: year})
		}
	}
	return list(fs, out)
}

func (fs *fakeSource) Missing(ctx context.Context, s Scope, year int) (List[analytics.MissingReport], error) {
	var out []analytics.MissingReport
	for _, m := range fs.missing {
		if inScope(m.Township, s) && (year == 0 || m.Year == year) {
			out = append(out, m)
		}
	}
	return list(fs, out)
}

func (fs *fakeSource) Quality(ctx context.Context, s Scope, year int) (List[analytics.QualityIssue], error) {
	var out []analytics.QualityIssue
	for _, r := range fs.inScope(s, year) {
		if len(r.Checks) > 0 || len(r.Incomplete) > 0 {
			out = append(out, analytics.QualityIssue{Township: r.Township, Org: r.Org, ReportID: r.ReportID, Year: r.Year,
				Template: r.Template, SourceFile: r.SourceFile, Checks: r.Checks, Incomplete: r.Incomplete})
		}
	}
	return list(fs, out)
}

func (fs *fakeSource) Search(ctx context.Context, text string, limit int) ([]analytics.TownshipInfo, error) {
	var out []analytics.TownshipInfo
	for _, t := range []fakeTown{townA, townB, townC, townEvil} {
		if strings.Contains(t.Name, text) || strings.Contains(t.Org, text) {
			out = append(out, analytics.TownshipInfo{Township: t.Township, Placed: true, Orgs: []string{t.Org}})
		}
	}
	return out[:min(limit, len(out))], fs.err
}

// Report answers with sources[id], or a detail derived from the report
// with that id.
func (fs *fakeSource) Report(ctx context.Context, id int64) (*analytics.ReportDetail, error) {
	if d, ok := fs.sources[id]; ok {
		return d, fs.err
	}
	for _, r := range fs.reports {
		if r.ReportID != id {
			continue
		}
		d := &analytics.ReportDetail{Township: r.Township, ReportID: id, Org: r.Org, Year: r.Year, Template: r.Template,
			Format: "text", SourceFile: r.SourceFile, SHA256: strings.Repeat("0", 64),
			Figures:    map[string]float64{"proactive_items": val(r.Proactive.Items), "s3.new.total": val(r.Requests.New), "s3.carried_out.total": 2},
			Blank:      []string{"s3.new.legal"},
			Incomplete: r.Incomplete, Warnings: r.Warnings, Checks: r.Checks}
		return d, fs.err
	}
	return nil, fmt.Errorf("fake: report %d: %w", id, analytics.ErrNoReport)
}

// CountyComparison puts the fake's two counties side by side from its
// roll-ups; 平沙县 ranks first every year.
func (fs *fakeSource) CountyComparison(ctx context.Context, s Scope) ([]analytics.CountyYear, error) {
	var out []analytics.CountyYear
	for i, c := range []string{"平沙县", "武峰区"} {
		sums, _ := fs.Summary(ctx, Scope{County: c})
		for _, y := range sums {
			rank, idx := i+1, 60.0-float64(20*i)
			cy := analytics.CountyYear{Province: "盛亭省", City: "宁田市", County: c, Year: y.Year, Townships: y.Townships,
				Reports: y.Reports, Missing: y.Missing, ZeroActivity: y.ZeroActivity, Flagged: y.Flagged,
				ProactiveItems: y.ProactiveItems, RequestsNew: y.RequestsNew, RequestsProcessed: y.RequestsProcessed,
				GrantedOrPartial: y.GrantedOrPartial, GrantRate: y.GrantRate, ActivityIndexMedian: &idx, Rank: &rank, Ranked: 2}
			if y.Year > 2023 {
				zero := 0
				cy.PrevRank, cy.RankChange = &rank, &zero
			}
			out = append(out, cy)
		}
	}
	return out, fs.err
}

// BodyKinds gives every fake body the kind township, but the archive
// (townUnplaced), a department.
func (fs *fakeSource) BodyKinds(ctx context.Context, county string) ([]analytics.BodyKind, error) {
	var out []analytics.BodyKind
	for _, r := range fs.reports {
		if county != "" && r.County != county {
			continue
		}
		kind := analytics.KindTownship
		if strings.HasPrefix(r.Name, "县档案馆") {
			kind = analytics.KindDepartment
		}
		out = append(out, analytics.BodyKind{Name: r.Name, County: r.County, Kind: kind})
	}
	return out, fs.err
}
