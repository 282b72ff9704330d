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
// counties, four townships (one named like an attack), three years. Its
// err, if set, is what every method returns. With max above 0 it cuts
// every list at max rows, as the row cap cuts a whole country's.
type fakeSource struct {
	err     error
	reports []Report
	missing []MissingRow
	max     int
}

// list returns rows as a List, cut at max rows.
func list[T any](fs *fakeSource, rows []T) (List[T], error) {
	l := Whole(rows)
	if fs.max > 0 && len(rows) > fs.max {
		l.Rows = rows[:fs.max]
	}
	return l, fs.err
}

// evilName is a township name that must reach every page as text.
const evilName = "<script>alert(1)</script>镇"

var (
	townA = Town{Name: "丰塔乡", Org: "丰塔乡人民政府", County: "平沙县", City: "宁田市", Province: "盛亭省"}
	townB = Town{Name: "兰滩镇", Org: "兰滩镇人民政府", County: "平沙县", City: "宁田市", Province: "盛亭省"}
	townC = Town{Name: "南岭乡", Org: "南岭乡人民政府", County: "武峰区", City: "宁田市", Province: "盛亭省"}
	// townUnplaced is a body regions.csv does not place: one report, in no
	// list but its own.
	townUnplaced = Town{Name: "县档案馆" + evilName, Org: "县档案馆" + evilName}
	townEvil     = Town{Name: evilName, Org: evilName + "人民政府", County: "武峰区", City: "宁田市", Province: "盛亭省"}
)

func f(v float64) *float64 { return &v }

// fakeReport makes a report whose figures follow from a few numbers.
func fakeReport(t Town, year int, items, granted, denied, review float64) Report {
	processed := granted + denied
	r := Report{
		Town: t, Year: year, Template: "2021", SourceFile: "reports/" + t.County + "/" + t.Name + "-" + strconv.Itoa(year) + ".txt",
		ProactiveItems: f(items), Decisions: f(items / 2), ActivityIndex: f(items / 2),
		Requests: Requests{
			New: f(processed), CarriedIn: f(0), Processed: f(processed), CarriedOut: f(0),
			Granted: f(granted), Partial: f(0), Denied: f(denied), Unavailable: f(0), Rejected: f(0), Other: f(0),
			Applicants: [6]*float64{f(processed), f(0), f(0), f(0), f(0), f(0)},
		},
		Appeals: Appeals{
			Review: AppealGroup{Upheld: f(review), Corrected: f(0), Other: f(0), Pending: f(0), Total: f(review)},
			Suit:   AppealGroup{Upheld: f(0), Corrected: f(0), Other: f(0), Pending: f(0), Total: f(0)},
			Total:  f(review),
		},
		Checks:     []Check{},
		Warnings:   []string{},
		Incomplete: []string{},
	}
	if processed > 0 {
		r.Requests.GrantRate = f(granted / processed)
	}
	if review > 0 {
		r.Appeals.CorrectionRate = f(0)
	}
	if items == 0 && processed == 0 {
		r.Zero = true
	}
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
	bad.Checks = []Check{{Rule: 1, Cell: "s3.carried_out.total", Expected: 0, Found: 2}}
	bad.Incomplete = []string{"s4"}
	bad.Warnings = []string{"proactive_items: " + evilName}
	fs.missing = []MissingRow{{Town: townC, Year: 2024}}
	fs.reports = append(fs.reports, fakeReport(townUnplaced, 2024, 3, 0, 0, 0))
	return fs
}

func (fs *fakeSource) Catalog(ctx context.Context) (Catalog, error) {
	return Catalog{
		Places: []Place{{"盛亭省", "宁田市", "平沙县"}, {"盛亭省", "宁田市", "武峰区"}},
		Years:  []int{2023, 2024, 2025},
		// Below the real 5, so that the fake's rates (1 to 4 requests)
		// include both ranked ones and a small sample.
		MinRateDenominator: fakeMinRate,
	}, fs.err
}

// fakeMinRate is the fake's minimum denominator of a rate.
const fakeMinRate = 3

// Unplaced lists the reports of bodies in no county (townUnplaced), which
// no other list holds.
func (fs *fakeSource) Unplaced(ctx context.Context) (analytics.List[analytics.TownshipInfo], error) {
	rows := []analytics.TownshipInfo{}
	for _, r := range fs.reports {
		if r.Town.County == "" {
			rows = append(rows, analytics.TownshipInfo{Township: analytics.Township{Name: r.Town.Name}, Orgs: []string{r.Town.Org},
				FirstYear: r.Year, LastYear: r.Year, Reports: 1})
		}
	}
	return analytics.List[analytics.TownshipInfo]{Rows: rows, Total: len(rows)}, fs.err
}

func (fs *fakeSource) inScope(s Scope, year int) []Report {
	var out []Report
	for _, r := range fs.reports {
		// An unplaced body is in no area, as over analytics.
		if r.Town.County != "" && inScope(r.Town, s) && (year == 0 || r.Year == year) {
			out = append(out, r)
		}
	}
	return out
}

func (fs *fakeSource) Summary(ctx context.Context, s Scope) ([]YearSummary, error) {
	var out []YearSummary
	for _, y := range []int{2023, 2024, 2025} {
		sum := YearSummary{Year: y, ProactiveItems: f(0), RequestsNew: f(0), Processed: f(0), Granted: f(0), Appeals: f(0), Corrected: f(0), Concluded: f(0)}
		for _, r := range fs.inScope(s, y) {
			sum.Reports++
			*sum.ProactiveItems += val(r.ProactiveItems)
			*sum.RequestsNew += val(r.Requests.New)
			*sum.Processed += val(r.Requests.Processed)
			*sum.Granted += val(r.Requests.Granted)
			*sum.Appeals += val(r.Appeals.Total)
			*sum.Concluded += val(r.Appeals.Total)
			if r.Zero {
				sum.ZeroActivity++
			}
			if len(r.Checks) > 0 || len(r.Incomplete) > 0 {
				sum.Flagged++
			}
		}
		for _, m := range fs.missing {
			if m.Year == y && inScope(m.Town, s) {
				sum.Missing++
			}
		}
		sum.Townships = sum.Reports + sum.Missing
		sum.GrantRate = ratioOf(*sum.Granted, *sum.Processed)
		sum.CorrectionRate = ratioOf(*sum.Corrected, *sum.Concluded)
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

func (fs *fakeSource) Counts(ctx context.Context, s Scope) ([]YearCounts, error) {
	var out []YearCounts
	for _, y := range []int{2023, 2024, 2025} {
		c := YearCounts{Year: y}
		for _, r := range fs.inScope(s, y) {
			c.Reports++
			if r.Zero {
				c.ZeroActivity++
			}
			if len(r.Checks) > 0 || len(r.Incomplete) > 0 {
				c.Flagged++
			}
			if len(r.Checks) > 0 {
				c.Arithmetic++
			}
			if len(r.Incomplete) > 0 {
				c.Incomplete++
			}
		}
		for _, m := range fs.missing {
			if m.Year == y && inScope(m.Town, s) {
				c.Missing++
			}
		}
		if c.Reports > 0 || c.Missing > 0 {
			out = append(out, c)
		}
	}
	return out, fs.err
}

func (fs *fakeSource) TopReports(ctx context.Context, s Scope, year int, by string, n int) ([]Report, error) {
	value := func(r Report) float64 {
		if by == TopAppeals {
			return val(r.Appeals.Total)
		}
		return val(r.Requests.Processed)
	}
	var out []Report
	for _, r := range fs.inScope(s, year) {
		if value(r) > 0 {
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out, func(a, b Report) int { return cmp.Compare(value(b), value(a)) })
	return out[:min(n, len(out))], fs.err
}

func (fs *fakeSource) RequestTotals(ctx context.Context, s Scope, year int) (RequestTotals, error) {
	var t RequestTotals
	add := func(p **float64, v *float64) {
		if v != nil {
			*p = f(val(*p) + *v)
		}
	}
	for _, r := range fs.inScope(s, year) {
		t.Reports++
		add(&t.New, r.Requests.New)
		add(&t.Processed, r.Requests.Processed)
		for i, v := range r.Requests.Outcomes() {
			add(&t.Outcomes[i], v)
		}
		for i, v := range r.Requests.Applicants {
			add(&t.Applicants[i], v)
		}
	}
	return t, fs.err
}

func (fs *fakeSource) ZeroStreaks(ctx context.Context, s Scope, year int) ([]StreakCount, error) {
	zero, err := fs.ZeroActivity(ctx, s, year)
	var out []StreakCount
	if zero.Total > 0 {
		out = append(out, StreakCount{Streak: 1, Townships: zero.Total}) // every fake streak is 1
	}
	return out, err
}

func (fs *fakeSource) Rankings(ctx context.Context, s Scope, metric string, year int) (List[RankRow], error) {
	value := func(r Report) *float64 {
		switch metric {
		case "proactive_items":
			return r.ProactiveItems
		case "requests_new":
			return r.Requests.New
		case "grant_rate":
			return r.Requests.GrantRate
		case "decisions":
			return r.Decisions
		case "activity_index":
			return r.ActivityIndex
		}
		return nil
	}
	// As the rankings view: a rate on fewer than fakeMinRate processed
	// requests keeps its row without a rank; changes are the previous rank
	// minus this one, nil when either is missing.
	rank := func(y int) map[Town]RankRow {
		var rows, small []RankRow
		for _, r := range fs.inScope(Scope{}, y) {
			v := value(r)
			if v == nil {
				continue
			}
			row := RankRow{Town: r.Town, Value: *v}
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
		slices.SortStableFunc(rows, func(a, b RankRow) int { return cmp.Compare(b.Value, a.Value) })
		out := map[Town]RankRow{}
		for i := range rows {
			rows[i].Rank, rows[i].Ranked = i+1, len(rows)
			n := 0
			for _, o := range rows[:i] {
				if o.Town.County == rows[i].Town.County {
					n++
				}
			}
			rows[i].CountyRank = n + 1
			out[rows[i].Town] = rows[i]
		}
		for _, r := range small {
			r.Ranked = len(rows)
			out[r.Town] = r
		}
		return out
	}
	change := func(prev, cur int) *int {
		if prev == 0 || cur == 0 {
			return nil
		}
		d := prev - cur
		return &d
	}
	cur, prev := rank(year), rank(year-1)
	var out []RankRow
	for _, r := range fs.inScope(s, year) {
		row, ok := cur[r.Town]
		if !ok {
			continue
		}
		row.PrevRank, row.PrevCountyRank = prev[r.Town].Rank, prev[r.Town].CountyRank
		row.RankChange, row.CountyRankChange = change(row.PrevRank, row.Rank), change(row.PrevCountyRank, row.CountyRank)
		out = append(out, row)
	}
	// Ranked first by rank, small samples last by value.
	slices.SortStableFunc(out, func(a, b RankRow) int {
		unranked := func(r RankRow) int {
			if r.Rank == 0 {
				return 1
			}
			return 0
		}
		return cmp.Or(unranked(a)-unranked(b), a.Rank-b.Rank, cmp.Compare(b.Value, a.Value))
	})
	return list(fs, out)
}

func (fs *fakeSource) Reports(ctx context.Context, s Scope, year int) (List[Report], error) {
	return list(fs, fs.inScope(s, year))
}

func (fs *fakeSource) Township(ctx context.Context, county, name string) (TownHistory, error) {
	if fs.err != nil {
		return TownHistory{}, fs.err
	}
	var h TownHistory
	for _, y := range []int{2023, 2024, 2025} {
		for _, r := range fs.reports {
			if r.Town.Name == name && r.Town.County == county && r.Year == y {
				h.Town = r.Town
				h.Years = append(h.Years, r)
			}
		}
		for _, m := range fs.missing {
			if m.Town.Name == name && m.Town.County == county && m.Year == y {
				h.Years = append(h.Years, Report{Town: m.Town, Year: y, Missing: true})
			}
		}
	}
	if h.Town.Name == "" {
		return h, fmt.Errorf("fake: township %s: %w", name, ErrNotFound)
	}
	return h, nil
}

func (fs *fakeSource) ZeroActivity(ctx context.Context, s Scope, year int) (List[ZeroRow], error) {
	var out []ZeroRow
	for _, r := range fs.inScope(s, year) {
		if r.Zero {
			out = append(out, ZeroRow{Town: r.Town, Year: year, Streak: 1})
		}
	}
	return list(fs, out)
}

func (fs *fakeSource) Missing(ctx context.Context, s Scope, year int) (List[MissingRow], error) {
	var out []MissingRow
	for _, m := range fs.missing {
		if inScope(m.Town, s) && (year == 0 || m.Year == year) {
			out = append(out, m)
		}
	}
	return list(fs, out)
}

func (fs *fakeSource) Quality(ctx context.Context, s Scope, year int) (List[QualityRow], error) {
	var out []QualityRow
	for _, r := range fs.inScope(s, year) {
		if len(r.Checks) > 0 || len(r.Incomplete) > 0 {
			out = append(out, QualityRow{Town: r.Town, Year: r.Year, SourceFile: r.SourceFile, Checks: r.Checks, Incomplete: r.Incomplete})
		}
	}
	return list(fs, out)
}

func (fs *fakeSource) Search(ctx context.Context, text string, limit int) ([]Town, error) {
	var out []Town
	for _, t := range []Town{townA, townB, townC, townEvil} {
		if strings.Contains(t.Name, text) || strings.Contains(t.Org, text) {
			out = append(out, t)
		}
	}
	return out[:min(limit, len(out))], fs.err
}
