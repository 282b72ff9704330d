package dashboard

import (
	"xxgk/analytics"

	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden chart options in testdata/charts")

// TestChartGolden builds every chart from the fake's rows and compares its
// ECharts options with testdata/charts/NAME.json (go test -update rewrites
// them). The builders are pure, so the options are the whole chart.
func TestChartGolden(t *testing.T) {
	fs := newFake()
	sel := Selection{Year: 2025, Metric: Metrics[0]}
	ranks, _ := fs.Rankings(t.Context(), Scope{}, "proactive_items", 2025)
	grant, _ := fs.Rankings(t.Context(), Scope{}, "grant_rate", 2025)
	sums, _ := fs.Summary(t.Context(), Scope{})
	reports, _ := fs.Reports(t.Context(), Scope{}, 2025)
	totals, _ := fs.RequestTotals(t.Context(), Scope{}, 2025)
	zero := []analytics.ZeroActivity{{Township: townC.Township, Year: 2025, Streak: 1}, {Township: townA.Township, Year: 2025, Streak: 4}}
	counts, _ := fs.Counts(t.Context(), Scope{})
	h, _ := fs.Township(t.Context(), townA.County, townA.Name)
	hist := newTownView(h)
	m, _ := metricByKey("grant_rate")
	rankedGrant, _ := splitSmall(grant)
	// A long ranking of an index: the first and last chartEnds, values to
	// one decimal.
	idx, _ := metricByKey("activity_index")
	var long []analytics.Ranking
	for i := range 25 {
		rank := i + 1
		long = append(long, analytics.Ranking{Township: analytics.Township{Name: "乡" + strconv.Itoa(rank), County: "平沙县"},
			Value: 100 - float64(i)*3.3333, Rank: &rank})
	}
	longShown, _ := ends(long, 20, chartEnds)
	for name, c := range map[string]chart{
		"ranking":             rankingChart(ranks.Rows, sel.Metric),
		"ranking-percent":     rankingChart(rankedGrant.Rows, m),
		"ranking-ends":        rankingChart(longShown, idx),
		"trend":               trendChart(sums),
		"zero":                zeroChart(zero),
		"problems-by-year":    problemsByYearChart(sums),
		"outcomes":            outcomesChart(reports.Rows),
		"applicants":          applicantsChart(applicantMix(totals)),
		"appeals":             appealsChart(reports.Rows),
		"appeals-by-year":     appealsByYearChart(sums),
		"quality-by-year":     qualityByYearChart(qualityStats(counts)),
		"township-proactive":  townProactiveChart(hist.Years),
		"township-outcomes":   townOutcomesChart(hist.Years),
		"township-applicants": townApplicantsChart(hist.Years),
		"township-appeals":    townAppealsChart(hist.Years),
	} {
		v, err := newChartView(c, 300)
		if err != nil {
			t.Fatal(err)
		}
		var pretty bytes.Buffer
		if err := json.Indent(&pretty, []byte(v.Options), "", "  "); err != nil {
			t.Fatal(err)
		}
		pretty.WriteByte('\n')
		golden := filepath.Join("testdata", "charts", name+".json")
		if *update {
			if err := os.WriteFile(golden, pretty.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./dashboard -run ChartGolden -update)", err)
		}
		if !bytes.Equal(pretty.Bytes(), want) {
			t.Errorf("%s: options differ from %s (go test -update rewrites it):\n%s", name, golden, pretty.String())
		}
		// One grid: the axes sit on the first, so a second (a builder
		// setting its own after baseOptions) is ignored and the axis name
		// below a bar chart is cut off.
		var o struct{ Grid []json.RawMessage }
		if err := json.Unmarshal([]byte(v.Options), &o); err != nil || len(o.Grid) != 1 {
			t.Errorf("%s: %d grids (%v), want 1", name, len(o.Grid), err)
		}
		if !strings.Contains(v.Options, `"animation":false`) || len(v.Scripts) != 1 || v.Scripts[0] != echartsHost+"echarts.min.js" {
			t.Errorf("%s: animation on or scripts %q not the local ECharts", name, v.Scripts)
		}
	}
}

// TestChartEscapesNames: a name with markup stays inside the JSON string.
func TestChartEscapesNames(t *testing.T) {
	one := 1
	v, err := newChartView(rankingChart([]analytics.Ranking{{Township: townEvil.Township, Value: 1, Rank: &one}}, Metrics[0]), 300)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(v.Options, "<") || !strings.Contains(v.Options, `\u003cscript\u003e`) {
		t.Errorf("options: %s", v.Options)
	}
}

// TestPagesOfferTheirDatasets: each page's sections are exactly the
// datasets pages.go lists for it, so every download link resolves.
func TestPagesOfferTheirDatasets(t *testing.T) {
	s, _ := newTestServer(t, newFake())
	q := map[string][]string{"year": {"2025"}, "county": {townA.County}, "town": {townA.Name}}
	for _, p := range append(pages, townshipPage) {
		view, err := s.loadPage(t.Context(), p, q)
		if err != nil {
			t.Fatalf("%s: %v", p.path, err)
		}
		var ids []string
		for _, sec := range view.Sections {
			ids = append(ids, sec.ID())
		}
		if strings.Join(ids, ",") != strings.Join(p.datasets, ",") {
			t.Errorf("%s: sections %q, pages.go lists %q", p.path, ids, p.datasets)
		}
	}
}
