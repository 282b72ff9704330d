package dashboard

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"xxgk/analytics"
)

// cutFake is the fake with every list cut at one row, as the row cap cuts a
// whole country's: two reports of 2025 break the arithmetic and two
// township-years of 2025 lack a report (and one of 2024), so that each list is
// longer than one.
func cutFake() *fakeSource {
	fs := newFake()
	fs.max = 1
	for i, r := range fs.reports {
		if r.Township == townA.Township && r.Year == 2025 {
			fs.reports[i].Checks = []analytics.Check{{Rule: 3, Cell: "s3.new.total", Expected: 4, Found: 5}}
		}
	}
	for _, name := range []string{"北原镇", "东坝镇"} {
		fs.missing = append(fs.missing, analytics.MissingReport{
			Township: analytics.Township{Name: name, County: "武峰区", City: "宁田市", Province: "盛亭省"}, Org: name + "人民政府", Year: 2025})
	}
	return fs
}

// apiTable is a dataset as /api/NAME returns it.
type apiTable struct {
	Rows      []map[string]any `json:"rows"`
	Truncated bool             `json:"truncated"`
	Cut       *struct {
		Shown int `json:"shown"`
		Total int `json:"total"`
	} `json:"cut"`
}

func getTable(t *testing.T, h http.Handler, path string) apiTable {
	t.Helper()
	res, body := get(t, h, path)
	var out apiTable
	if err := json.Unmarshal([]byte(body), &out); res.StatusCode != 200 || err != nil {
		t.Fatalf("%s: %d %v: %s", path, res.StatusCode, err, body)
	}
	return out
}

// TestCutListsAreSaid: a page whose list is cut says how much it shows and
// how much there is, and so do the downloads (JSON fields, file names); a
// complete list says nothing of the kind.
func TestCutListsAreSaid(t *testing.T) {
	s, _ := newTestServer(t, cutFake())
	for _, tc := range []struct {
		page, dataset string
		want          string // in the page
		shown, total  int
	}{
		{q("/rankings", "year", "2025"), "rankings", "表中仅列出前 1 个乡镇（共 4 个）", 1, 4},
		{q("/", "year", "2025"), "rankings", "表中仅列出前 1 个乡镇（共 4 个）", 1, 4},
		{q("/requests", "year", "2025"), "requests", "表中仅列出前 1 个乡镇（共 4 个）", 1, 4},
		{q("/requests", "year", "2025"), "applicants", "表中仅列出前 1 个乡镇（共 4 个）", 1, 4},
		{q("/appeals", "year", "2025"), "appeals", "表中仅列出前 1 个乡镇（共 4 个）", 1, 4},
		{q("/quality", "year", "2025"), "quality", "表中仅列出前 1 份报告（共 2 份）", 1, 2},
		{q("/problems", "year", "2025"), "missing", "表中仅列出前 1 份缺报（共 2 份）", 1, 2},
	} {
		_, body := get(t, s, tc.page)
		if !strings.Contains(body, tc.want) || !strings.Contains(body, "CSV、Excel、JSON 下载也只含这些") {
			t.Errorf("%s: the page does not say %q", tc.page, tc.want)
		}
		_, query, _ := strings.Cut(tc.page, "?")
		path := "/api/" + tc.dataset + "?" + query
		table := getTable(t, s, path)
		if !table.Truncated || table.Cut == nil || table.Cut.Shown != tc.shown || table.Cut.Total != tc.total {
			t.Errorf("%s: truncated %v, cut %+v; want %d of %d", path, table.Truncated, table.Cut, tc.shown, tc.total)
		}
		res, _ := get(t, s, "/export/"+tc.dataset+".csv?"+query)
		name := tc.dataset + "-2025-first-1-of-"
		if tc.dataset == "rankings" {
			name = "rankings-proactive_items-2025-first-1-of-"
		}
		if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, name) {
			t.Errorf("%s.csv: Content-Disposition %q, want a name with %s", tc.dataset, cd, name)
		}
	}
	// The township index merges the reports and the missing reports of the year.
	_, body := get(t, s, q("/township", "year", "2025"))
	if !strings.Contains(body, "第 1–2 个，共 6 个乡镇") {
		t.Errorf("/township: the index does not say it is cut:\n%s", body)
	}

	whole, _ := newTestServer(t, newFake())
	for _, path := range []string{"/rankings", "/requests", "/appeals", "/quality", "/problems", "/township"} {
		if _, body := get(t, whole, path); strings.Contains(body, "仅列出") {
			t.Errorf("%s: a complete list is said to be cut", path)
		}
	}
	if table := getTable(t, whole, "/api/requests"); table.Truncated || table.Cut != nil {
		t.Errorf("/api/requests of a complete list: truncated %v, cut %+v", table.Truncated, table.Cut)
	}
}

// aggFake answers the aggregate calls with figures no list holds, so that a
// page showing them shows the aggregate, not a sum over a list.
type aggFake struct{ *fakeSource }

// topTown is a township only the top lists name.
var topTown = fakeTown{analytics.Township{Name: "顶峰镇", County: "平沙县", City: "宁田市", Province: "盛亭省"}, "顶峰镇人民政府"}

func (a aggFake) TopReports(ctx context.Context, s Scope, year int, by string, n int) ([]analytics.ReportSummary, error) {
	return []analytics.ReportSummary{fakeReport(topTown, year, 1, 500, 0, 300)}, nil
}

func (a aggFake) RequestTotals(ctx context.Context, s Scope, year int) (analytics.RequestTotals, error) {
	return analytics.RequestTotals{Reports: 4, New: f(1000), Processed: f(900),
		Applicants: analytics.Applicants{Natural: f(777), Commercial: f(223)}}, nil
}

func (a aggFake) Counts(ctx context.Context, s Scope) ([]analytics.ListCount, error) {
	return []analytics.ListCount{
		{Year: 2024, Reports: 3, Missing: 40, Flagged: 12, BreaksArithmetic: 11, Incomplete: 5},
		{Year: 2025, Reports: 4, Missing: 60, Flagged: 130, BreaksArithmetic: 123, Incomplete: 45},
	}, nil
}

func (a aggFake) ZeroStreaks(ctx context.Context, s Scope, year int) ([]analytics.StreakCount, error) {
	return []analytics.StreakCount{{Streak: 1, Townships: 50}, {Streak: 3, Townships: 6}, {Streak: 5, Townships: 1}}, nil
}

// TestAggregatesComeFromTheSource: the applicant mix, the top charts, the
// quality counts by year and the problems' counts are what the Source's
// aggregate calls say, whatever the (cut) lists hold.
func TestAggregatesComeFromTheSource(t *testing.T) {
	fs := cutFake()
	s, _ := newTestServer(t, aggFake{fs})
	ctx := t.Context()
	sel := map[string][]string{"year": {"2025"}}

	view, err := s.loadPage(ctx, pageByNav(t, "requests"), sel)
	if err != nil {
		t.Fatal(err)
	}
	out, app := view.Sections[0], view.Sections[1]
	if out.Chart == nil || !strings.Contains(out.Chart.Options, topTown.Name) || len(out.Table.Rows) != 1 {
		t.Errorf("requests: the chart does not draw the top list, or the table is not cut: %+v", out)
	}
	total := app.Table.Rows[len(app.Table.Rows)-1]
	if total[0].Text != "合计（所选范围全部乡镇）" || total[2].Value != 777.0 || total[3].Value != 223.0 || total[8].Value != 1000.0 {
		t.Errorf("applicants total row %v, want the Source's totals 777, 223, …, 1000", total)
	}
	if app.Chart == nil || !strings.Contains(app.Chart.Options, `"value":777`) {
		t.Errorf("applicants chart does not draw the Source's totals: %v", app.Chart)
	}

	view, err = s.loadPage(ctx, pageByNav(t, "appeals"), sel)
	if err != nil {
		t.Fatal(err)
	}
	if c := view.Sections[0].Chart; c == nil || !strings.Contains(c.Options, topTown.Name) {
		t.Errorf("appeals: the chart does not draw the top list: %v", c)
	}

	table := getTable(t, s, "/api/quality-by-year?year=2025")
	if len(table.Rows) != 2 || table.Rows[1]["breaks_arithmetic"] != 123.0 || table.Rows[1]["incomplete"] != 45.0 ||
		table.Rows[1]["reports"] != 4.0 || table.Rows[0]["breaks_arithmetic"] != 11.0 {
		t.Errorf("quality by year %v, want the Source's counts", table.Rows)
	}

	_, body := get(t, s, "/problems?year=2025")
	for _, want := range []string{"<strong>57</strong> 个乡镇2025年零活动，其中 <strong>7</strong> 个已连续 3 年以上",
		"<strong>60</strong> 份2025年报告缺报（历年共 100 份）"} {
		if !strings.Contains(body, want) {
			t.Errorf("/problems lacks %q", want)
		}
	}
}

// pageByNav is the page of a navigation key.
func pageByNav(t *testing.T, nav string) pageSpec {
	t.Helper()
	for _, p := range pages {
		if p.nav == nav {
			return p
		}
	}
	t.Fatalf("no page %s", nav)
	return pageSpec{}
}
