package analytics

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sync/atomic"
	"testing"

	"xxgk/ingest/schema"
)

// cellsChecked counts the view cells compared with the answer key.
var cellsChecked atomic.Int64

// checker compares cells and counts them.
type checker struct {
	t testing.TB
	n int
}

func newChecker(t testing.TB) *checker { return &checker{t: t} }

func (c *checker) done() {
	c.t.Logf("%d cells checked", c.n)
	cellsChecked.Add(int64(c.n))
}

// eq compares one cell: numbers within 1e-9 (relative), lists element by
// element, nil only with nil.
func (c *checker) eq(where, col string, got, want any) {
	c.t.Helper()
	c.n++
	g, w := norm(got), norm(want)
	if !same(g, w) {
		c.t.Errorf("%s: %s = %v, want %v", where, col, show(g), show(w))
	}
}

func same(g, w any) bool {
	switch w := w.(type) {
	case float64:
		g, ok := g.(float64)
		return ok && math.Abs(g-w) <= 1e-9*max(1, math.Abs(w))
	case []string:
		g, ok := g.([]string)
		return ok && slices.Equal(g, w)
	}
	return g == w
}

// norm turns driver and model values into float64, bool, string, []string or nil.
func norm(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case *float64:
		if x == nil {
			return nil
		}
		return *x
	case *bool:
		if x == nil {
			return nil
		}
		return *x
	case *int:
		if x == nil {
			return nil
		}
		return float64(*x)
	case int:
		return float64(x)
	case int32:
		return float64(x)
	case int64:
		return float64(x)
	case []any:
		out := make([]string, len(x))
		for i, e := range x {
			out[i] = fmt.Sprint(e)
		}
		return out
	}
	return v
}

func show(v any) string {
	if v == nil {
		return "NULL"
	}
	return fmt.Sprintf("%v", v)
}

// viewRows reads a query's rows as maps through the console engine.
func viewRows(t testing.TB, query string) []map[string]any {
	t.Helper()
	res, err := RunSQL(context.Background(), demoDB, query, ConsoleOptions{MaxRows: 1_000_000})
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	out := make([]map[string]any, len(res.Rows))
	for i, row := range res.Rows {
		out[i] = map[string]any{}
		for j, c := range res.Columns {
			out[i][c] = row[j]
		}
	}
	return out
}

func str(v any) string {
	if v == nil {
		return ""
	}
	return v.(string)
}

func num(v any) int {
	switch x := v.(type) {
	case int32:
		return int(x)
	case int64:
		return int(x)
	}
	panic(fmt.Sprintf("not an integer: %T %v", v, v))
}

func rowTY(r map[string]any) ty {
	return ty{town{str(r["township"]), str(r["county"])}, num(r["year"])}
}

var identity = []string{"report_id", "org", "township", "county", "city", "province", "year", "template"}

// checkPerReport compares a view with one row per report against the
// model's columns.
func checkPerReport(t *testing.T, view string) {
	c := newChecker(t)
	defer c.done()
	rows := viewRows(t, "SELECT * FROM "+view)
	if len(rows) != len(key.answers) {
		t.Errorf("%s has %d rows, want one per report: %d", view, len(rows), len(key.answers))
	}
	seen := map[ty]bool{}
	for _, r := range rows {
		k := rowTY(r)
		a := key.byTY[k]
		if a == nil || seen[k] {
			t.Errorf("%s: unexpected or repeated row %v", view, k)
			continue
		}
		seen[k] = true
		where := fmt.Sprintf("%s %s/%s %d", view, k.township, k.county, k.year)
		c.eq(where, "org", r["org"], a.Org)
		c.eq(where, "city", r["city"], a.city)
		c.eq(where, "province", r["province"], a.province)
		c.eq(where, "template", r["template"], a.Template)
		for col, v := range r {
			if slices.Contains(identity, col) {
				continue
			}
			want, ok := a.cols[col]
			if !ok {
				t.Errorf("%s: column %s has no expected value in the model", view, col)
				continue
			}
			c.eq(where, col, v, want)
		}
	}
}

func TestProactiveView(t *testing.T)     { checkPerReport(t, "proactive") }
func TestRequestsView(t *testing.T)      { checkPerReport(t, "requests") }
func TestAppealsView(t *testing.T)       { checkPerReport(t, "appeals") }
func TestActivityIndexView(t *testing.T) { checkPerReport(t, "activity_index") }

func TestReportFiguresView(t *testing.T) {
	c := newChecker(t)
	defer c.done()
	type fk struct {
		org  string
		year int
		key  string
	}
	got := map[fk]map[string]any{}
	for _, r := range viewRows(t, "SELECT * FROM report_figures") {
		got[fk{str(r["org"]), num(r["year"]), str(r["key"])}] = r
	}
	n := 0
	for _, a := range key.answers {
		for k, v := range a.Figures {
			n++
			r := got[fk{a.Org, a.Year, k}]
			where := fmt.Sprintf("report_figures %s %d %s", a.Org, a.Year, k)
			if r == nil {
				t.Errorf("%s: no row", where)
				continue
			}
			c.eq(where, "value", r["value"], v)
			c.eq(where, "township", r["township"], a.township)
			c.eq(where, "county", r["county"], a.county)
			c.eq(where, "city", r["city"], a.city)
			c.eq(where, "province", r["province"], a.province)
			c.eq(where, "template", r["template"], a.Template)
		}
	}
	if len(got) != n {
		t.Errorf("report_figures has %d rows, the answer key %d figures", len(got), n)
	}
}

func TestRankingsView(t *testing.T) {
	c := newChecker(t)
	defer c.done()
	rows := viewRows(t, "SELECT * FROM rankings")
	if len(rows) != len(key.rankings) {
		t.Errorf("rankings has %d rows, want %d", len(rows), len(key.rankings))
	}
	for _, r := range rows {
		k := rankKey{rowTY(r), str(r["metric"])}
		want := key.rankings[k]
		if want == nil {
			t.Errorf("rankings: unexpected row %v", k)
			continue
		}
		where := fmt.Sprintf("rankings %s %s/%s %d", k.metric, k.township, k.county, k.year)
		for col, v := range r {
			if w, ok := want[col]; ok {
				c.eq(where, col, v, w)
			}
		}
	}
	// No rate is ranked on fewer than the minimum: the demo has such rows,
	// and they carry no rank.
	small := 0
	for _, r := range rows {
		if d := r["denominator"]; d != nil && d.(float64) < minRateDenominator {
			small++
			if r["rank"] != nil || r["county_rank"] != nil || r["small_sample"] != true {
				t.Errorf("rankings: %v %v %v ranked on a denominator of %v", r["metric"], r["township"], r["year"], d)
			}
		}
	}
	if small == 0 {
		t.Error("no rate on a small sample in the demo: the rule is not exercised")
	}
	// Ties exist in the demo (grant rates of 1, zero decisions), so RANK's
	// gaps are exercised: make sure of it.
	ties := 0
	for _, r := range rows {
		if r["rank"] != nil && num(r["rank"]) > 1 && r["metric"] == "decisions" {
			ties++
		}
	}
	if ties == 0 {
		t.Error("no ranked decisions in the demo")
	}
}

func TestZeroActivityView(t *testing.T) {
	c := newChecker(t)
	defer c.done()
	rows := viewRows(t, "SELECT * FROM zero_activity")
	if len(rows) != len(key.zero) || len(rows) == 0 {
		t.Errorf("zero_activity has %d rows, want %d", len(rows), len(key.zero))
	}
	longest := 0
	for _, r := range rows {
		k := rowTY(r)
		want := key.zero[k]
		if want == nil {
			t.Errorf("zero_activity: unexpected row %v", k)
			continue
		}
		where := fmt.Sprintf("zero_activity %s/%s %d", k.township, k.county, k.year)
		// The claim itself, straight from the answer key: a township-year
		// listed as zero-activity published nothing proactively.
		if a := key.byTY[k]; a == nil {
			t.Errorf("%s: no report in the answer key", where)
		} else if items := a.fig("proactive_items"); items != nil && *items > 0 {
			t.Errorf("%s: listed as zero-activity but the answer key has %v items published", where, *items)
		}
		for _, col := range []string{"org", "proactive_items", "requests_received", "streak", "streak_start"} {
			c.eq(where, col, r[col], want[col])
		}
		longest = max(longest, num(r["streak"]))
	}
	if longest < 3 {
		t.Errorf("the longest streak is %d; the demo has runs of three years and more", longest)
	}
}

func TestMissingReportsView(t *testing.T) {
	c := newChecker(t)
	defer c.done()
	rows := viewRows(t, "SELECT * FROM missing_reports")
	got := map[ty]bool{}
	for _, r := range rows {
		k := rowTY(r)
		got[k] = true
		want := key.absent[k]
		if want == nil {
			t.Errorf("missing_reports: unexpected row %v", k)
			continue
		}
		where := fmt.Sprintf("missing_reports %s/%s %d", k.township, k.county, k.year)
		for _, col := range []string{"org", "never_reported", "last_report_year"} {
			c.eq(where, col, r[col], want[col])
		}
	}
	if len(rows) != len(key.absent) {
		t.Errorf("missing_reports has %d rows, want %d", len(rows), len(key.absent))
	}
	// The answer key's own list of missing reports, exactly.
	towns := map[string]town{}
	for _, r := range key.regions {
		towns[r.Org] = town{r.Township, r.County}
	}
	want := map[ty]bool{}
	for _, m := range key.missing {
		want[ty{towns[m.Org], m.Year}] = true
		c.eq(fmt.Sprintf("missing.jsonl %s %d", m.Org, m.Year), "listed", got[ty{towns[m.Org], m.Year}], true)
	}
	if len(got) != len(want) {
		t.Errorf("missing_reports lists %d township-years, missing.jsonl %d", len(got), len(want))
	}
}

func TestQualityViews(t *testing.T) {
	c := newChecker(t)
	defer c.done()
	rows := viewRows(t, "SELECT * FROM quality")
	if len(rows) != len(key.quality) {
		t.Errorf("quality has %d rows, want %d (reports broken or truncated in the answer key)", len(rows), len(key.quality))
	}
	for _, r := range rows {
		k := rowTY(r)
		want := key.quality[k]
		if want == nil {
			t.Errorf("quality: unexpected row %v", k)
			continue
		}
		where := fmt.Sprintf("quality %s/%s %d", k.township, k.county, k.year)
		for col, w := range want {
			c.eq(where, col, r[col], w)
		}
		c.eq(where, "source_file", r["source_file"], demoDir+"/"+key.byTY[k].File)
	}
	checks := viewRows(t, "SELECT * FROM quality_checks")
	n := 0
	for _, vs := range key.checks {
		n += len(vs)
	}
	if len(checks) != n {
		t.Errorf("quality_checks has %d rows, want %d", len(checks), n)
	}
	for _, r := range checks {
		k := rowTY(r)
		where := fmt.Sprintf("quality_checks %s/%s %d %s", k.township, k.county, k.year, r["cell"])
		i := slices.IndexFunc(key.checks[k], func(v schema.Violation) bool { return v.Where == r["cell"] })
		if i < 0 {
			t.Errorf("%s: unexpected", where)
			continue
		}
		v := key.checks[k][i]
		c.eq(where, "rule", r["rule"], v.Rule)
		c.eq(where, "expected", r["expected"], v.Expected)
		c.eq(where, "found", r["found"], v.Found)
		c.eq(where, "difference", r["difference"], v.Found-v.Expected)
	}
}

func TestTownshipsView(t *testing.T) {
	c := newChecker(t)
	defer c.done()
	rows := viewRows(t, "SELECT * FROM townships")
	if len(rows) != len(key.towns) {
		t.Errorf("townships has %d rows, want %d", len(rows), len(key.towns))
	}
	for _, r := range rows {
		tw := town{str(r["township"]), str(r["county"])}
		info := key.towns[tw]
		if info == nil {
			t.Errorf("townships: unexpected %v", tw)
			continue
		}
		var orgs []string
		for o := range info.orgs {
			orgs = append(orgs, o)
		}
		slices.Sort(orgs)
		first, last, n := 0, 0, 0
		for _, a := range key.answers {
			if a.town == tw {
				n++
				last = max(last, a.Year)
				if first == 0 || a.Year < first {
					first = a.Year
				}
			}
		}
		where := "townships " + tw.township + "/" + tw.county
		c.eq(where, "city", r["city"], info.city)
		c.eq(where, "province", r["province"], info.province)
		c.eq(where, "placed", r["placed"], true)
		c.eq(where, "orgs", r["orgs"], orgs)
		c.eq(where, "first_year", r["first_year"], first)
		c.eq(where, "last_year", r["last_year"], last)
		c.eq(where, "reports", r["reports"], n)
	}
}

func TestRollupsView(t *testing.T) {
	c := newChecker(t)
	defer c.done()
	rows := viewRows(t, "SELECT * FROM rollups")
	if len(rows) != len(key.rollups) {
		t.Errorf("rollups has %d rows, want %d", len(rows), len(key.rollups))
	}
	for _, r := range rows {
		k := rollKey{str(r["level"]), str(r["province"]), str(r["city"]), str(r["county"]), num(r["year"])}
		want := key.rollups[k]
		if want == nil {
			t.Errorf("rollups: unexpected row %v", k)
			continue
		}
		where := fmt.Sprintf("rollups %v", k)
		for col, v := range r {
			switch col {
			case "level", "province", "city", "county", "year":
				continue
			}
			w, ok := want[col]
			if !ok {
				t.Errorf("rollups: column %s has no expected value in the model", col)
				continue
			}
			c.eq(where, col, v, w)
		}
	}
}

func TestActivityWeightsView(t *testing.T) {
	c := newChecker(t)
	defer c.done()
	rows := viewRows(t, "SELECT component, weight FROM activity_weights")
	if len(rows) != len(wantWeights) {
		t.Errorf("activity_weights has %d rows, want %d", len(rows), len(wantWeights))
	}
	for _, r := range rows {
		c.eq("activity_weights "+str(r["component"]), "weight", r["weight"], wantWeights[str(r["component"])])
	}
}
