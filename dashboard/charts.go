package dashboard

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"xxgk/analytics"
)

// echartsHost is the route the pinned ECharts file is served under; it is
// go-echarts' AssetsHost, so everything go-echarts renders points here and
// nowhere outside.
const echartsHost = "/assets/vendor/echarts-" + echartsVersion + "/"

// chart is what the builders return: a go-echarts chart whose options are
// marshalled as JSON for the page.
type chart interface {
	Validate()
	JSON() map[string]any
	GetAssets() opts.Assets
}

// chartView is one chart ready for a page.
type chartView struct {
	Options string   // ECharts options as JSON (json.Marshal escapes <, > and &)
	Height  int      // pixels
	Scripts []string // what go-echarts says the chart needs, under echartsHost
}

// newChartView validates a built chart and marshals its options.
func newChartView(c chart, height int) (*chartView, error) {
	c.Validate()
	b, err := json.Marshal(c.JSON())
	if err != nil {
		return nil, fmt.Errorf("dashboard: chart options: %w", err)
	}
	return &chartView{Options: string(b), Height: height, Scripts: slices.Clone(c.GetAssets().JSAssets.Values)}, nil
}

// Every chart shares these: the local ECharts, no animation (steady
// screenshots, nothing to wait for), ECharts' own aria description, a
// tooltip on hover and labels kept inside the grid.
func baseOptions(trigger string, legend bool) []charts.GlobalOpts {
	return append(commonOptions(trigger, legend),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: gridTop(legend), Bottom: "8", ContainLabel: opts.Bool(true)}))
}

// commonOptions are baseOptions without the grid, for a chart that sets
// its own: a second WithGridOpts adds a second grid, which the axes
// ignore (they sit on the first).
func commonOptions(trigger string, legend bool) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{AssetsHost: echartsHost}),
		charts.WithAnimation(false),
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true)}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: trigger}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(legend), Top: "0", Type: "scroll"}),
	}
}

func gridTop(legend bool) string {
	if legend {
		return "36"
	}
	return "16"
}

// barHeight is the height of a horizontal bar chart of n bars.
func barHeight(n int) int { return max(140, 72+24*n) }

// thinBars keeps a short list from being drawn as slabs: bars keep about
// a row's height. Builders of horizontal bars apply it to their series.
func thinBars() charts.SeriesOpts {
	return charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.BarMaxWidth = "18" })
}

// stacked puts a bar series on the stack "all".
func stacked() charts.SeriesOpts {
	return charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.Stack = "all" })
}

// barValue is a bar's value; ECharts draws "-" as a gap.
func barValue(v *float64) opts.BarData {
	if v == nil {
		return opts.BarData{Value: "-"}
	}
	return opts.BarData{Value: *v}
}

func lineValue(v *float64) opts.LineData {
	if v == nil {
		return opts.LineData{Value: "-"}
	}
	return opts.LineData{Value: *v}
}

func barValues(vs []*float64) []opts.BarData {
	out := make([]opts.BarData, len(vs))
	for i, v := range vs {
		out[i] = barValue(v)
	}
	return out
}

func lineValues(vs []*float64) []opts.LineData {
	out := make([]opts.LineData, len(vs))
	for i, v := range vs {
		out[i] = lineValue(v)
	}
	return out
}

// counts turns counts into chart values.
func counts(ns []int) []*float64 {
	out := make([]*float64, len(ns))
	for i, n := range ns {
		v := float64(n)
		out[i] = &v
	}
	return out
}

// valueAxis is a numeric axis named under its middle (at its end a long
// name is cut off); percentages run 0–100%, anything else counts in whole
// steps.
func valueAxis(name string, percent bool) opts.XAxis {
	ax := opts.XAxis{Type: "value", Name: name, NameLocation: "middle", NameGap: 22, MinInterval: 1}
	if percent {
		ax.Max = 100
		ax.AxisLabel = &opts.AxisLabel{Formatter: "{value}%"}
	}
	return ax
}

// chartValue is a metric's value as a chart plots it: percentages as 0–100
// with one decimal, an index with one decimal, so that labels and tooltips
// read like the tables.
func chartValue(m Metric, v *float64) *float64 {
	if v == nil {
		return nil
	}
	if m.Percent {
		p := math.Round(*v*1000) / 10
		return &p
	}
	r := m.round(*v)
	return &r
}

// horizontalBar is a bar chart whose categories run down the left, first
// at the top: the form of every per-township chart, since Chinese names are
// long.
func horizontalBar(names []string, legend bool, xName string, percent bool) *charts.Bar {
	b := charts.NewBar()
	b.SetGlobalOptions(commonOptions("axis", legend)...)
	b.SetGlobalOptions(
		charts.WithXAxisOpts(valueAxis(xName, percent)),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
		// Room below for the axis name and on the right for the bars' labels.
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "56", Top: gridTop(legend), Bottom: "34", ContainLabel: opts.Bool(true)}),
	)

	b.SetXAxis(names).XYReversal()
	return b
}

// yearBar is a vertical bar chart with one category per year.
func yearBar(years []int, yName string) *charts.Bar {
	b := charts.NewBar()
	b.SetGlobalOptions(baseOptions("axis", true)...)
	b.SetGlobalOptions(
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: yName, MinInterval: 1}),
	)
	b.SetXAxis(yearLabels(years))
	return b
}

func yearLabels(years []int) []string {
	out := make([]string, len(years))
	for i, y := range years {
		out[i] = fmt.Sprintf("%d年", y)
	}
	return out
}

// townNames labels townships for a chart axis: the name alone, or with its
// county where two counties have a township of that name (城关镇).
func townNames[T any](rows []T, town func(T) analytics.Township) []string {
	seen := make(map[string]int, len(rows))
	for _, r := range rows {
		seen[town(r).Name]++
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		t := town(r)
		out[i] = t.Name
		if seen[t.Name] > 1 && t.County != "" {
			out[i] = t.Name + "（" + t.County + "）"
		}
	}
	return out
}
