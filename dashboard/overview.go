package dashboard

import (
	"context"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"xxgk/analytics"
)

// overviewChartMax is the most townships the overview's ranking chart
// draws; beyond it, the first and last chartEnds together.
const overviewChartMax = 2 * chartEnds

// loadOverview: headline figures with the change from the year before, the
// ranking by the selected metric, and the trend over all years.
func (s *Server) loadOverview(ctx context.Context, sel Selection, cat Catalog) (*pageView, error) {
	sums, err := s.src.Summary(ctx, sel.Scope())
	if err != nil {
		return nil, err
	}
	ranks, err := s.src.Rankings(ctx, sel.Scope(), sel.Metric.Key, sel.Year)
	if err != nil {
		return nil, err
	}
	cur, prev := yearOf(sums, sel.Year), yearOf(sums, sel.Year-1)
	heads := headlines(cur, prev)
	headSec := newSection(headlineTable(heads, sel.Year), sel)
	headSec.Note = "即上方各项指标的数据表。"
	if cur == nil {
		headSec.Table.Rows = nil
	}
	ranked, small := splitSmall(ranks)
	rankSec, err := rankingSection(ranked, sel, overviewChartMax)
	if err != nil {
		return nil, err
	}
	if len(small) > 0 {
		rankSec.Note += "另有 " + strconv.Itoa(len(small)) + " 个乡镇" + sel.Metric.Denominator + "少于 " +
			strconv.Itoa(cat.MinRateDenominator) + " 件，样本不足，不参加排名，见排名页。"
	}
	trendSec, err := newSection(trendTable(sums), sel).withChart(func() (chart, int) { return trendChart(sums), 320 })
	if err != nil {
		return nil, err
	}
	card, err := s.scorecardSection(ctx, sel, "scorecard")
	if err != nil {
		return nil, err
	}
	body := overviewBody{Year: sel.Year}
	if cur != nil {
		body.Cards = heads
	}
	return &pageView{Sections: []section{headSec, card, rankSec, trendSec}, Body: body}, nil
}

// overviewBody is what templates/overview.html shows above the sections.
type overviewBody struct {
	Year  int
	Cards []headline
}

// headline is one headline figure of the overview.
type headline struct {
	Key, Label, Unit string
	Cur, Prev        *float64
	Percent          bool
	// Bad says an increase is bad news (zero activity, missing reports).
	Bad bool
	// Definition is the 口径 of a catalog metric (a tooltip); Detail a
	// rate's numerator/denominator.
	Definition, Detail string
	// DefHref links the full definition of the card's figure.
	DefHref string
}

// Value formats the current value.
func (h headline) Value() string { return formatValue(h.Cur, h.Percent) }

// PrevValue formats last year's value.
func (h headline) PrevValue() string { return formatValue(h.Prev, h.Percent) }

// Change describes the change from the year before: "+12（+8.3%）", "持平",
// or "" when either year is missing. Percentages change in points.
func (h headline) Change() string {
	if h.Cur == nil || h.Prev == nil {
		return ""
	}
	d := *h.Cur - *h.Prev
	if d == 0 {
		return "持平"
	}
	if h.Percent {
		return signed(d*100, 1) + " 个百分点"
	}
	out := signed(d, -1)
	if *h.Prev != 0 {
		out += "（" + signed(d / *h.Prev * 100, 1) + "%）"
	}
	return out
}

// Trend is "up", "down" or "" for the arrow; Tone is "good" or "bad".
func (h headline) Trend() string {
	switch {
	case h.Cur == nil || h.Prev == nil || *h.Cur == *h.Prev:
		return ""
	case *h.Cur > *h.Prev:
		return "up"
	default:
		return "down"
	}
}

// Tone colours the change: rising problems are bad, rising activity good.
func (h headline) Tone() string {
	t := h.Trend()
	if t == "" {
		return ""
	}
	if (t == "up") != h.Bad {
		return "good"
	}
	return "bad"
}

func signed(v float64, decimals int) string {
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if decimals < 0 {
		s = formatNumber(v)
	}
	if v > 0 {
		return "+" + s
	}
	return s
}

func formatValue(v *float64, percent bool) string {
	if v == nil {
		return "—"
	}
	if percent {
		return formatPercent(*v)
	}
	return formatNumber(*v)
}

// yearOf finds a year's summary.
func yearOf(sums []analytics.Rollup, year int) *analytics.Rollup {
	for i := range sums {
		if sums[i].Year == year {
			return &sums[i]
		}
	}
	return nil
}

// ratioText is "n/d" of a rate, "" when either is unknown.
func ratioText(n, d *float64) string {
	if n == nil || d == nil || *d == 0 {
		return ""
	}
	return formatNumber(*n) + "/" + formatNumber(*d)
}

// headlines are the overview's figures for a year and the one before (nil
// when there is no data for it).
func headlines(cur, prev *analytics.Rollup) []headline {
	count := func(f func(analytics.Rollup) int) func(analytics.Rollup) *float64 {
		return func(y analytics.Rollup) *float64 { v := float64(f(y)); return &v }
	}
	defs := []struct {
		key analytics.Metric
		bad bool
		f   func(analytics.Rollup) *float64
	}{
		{analytics.FigureReports, false, count(func(y analytics.Rollup) int { return y.Reports })},
		{analytics.MetricProactiveItems, false, func(y analytics.Rollup) *float64 { return y.ProactiveItems }},
		{analytics.MetricRequestsNew, false, func(y analytics.Rollup) *float64 { return y.RequestsNew }},
		{analytics.MetricGrantRate, false, func(y analytics.Rollup) *float64 { return y.GrantRate }},
		{analytics.FigureAppeals, true, func(y analytics.Rollup) *float64 { return y.AppealsTotal }},
		{analytics.FigureCorrectionRate, true, func(y analytics.Rollup) *float64 { return y.CorrectionRate }},
		{analytics.FigureZeroActivity, true, count(func(y analytics.Rollup) int { return y.ZeroActivity })},
		{analytics.FigureMissing, true, count(func(y analytics.Rollup) int { return y.Missing })},
		{analytics.FigureFlagged, true, count(func(y analytics.Rollup) int { return y.Flagged })},
	}
	out := make([]headline, len(defs))
	for i, d := range defs {
		// Every card is an entry of the one catalog: its label, unit and 口径.
		m, _ := analytics.InfoOf(d.key)
		percent := m.Kind == analytics.KindRate
		h := headline{Key: string(d.key), Label: m.Label, Unit: m.Unit, Percent: percent, Bad: d.bad,
			Definition: "口径：" + m.Definition, DefHref: defLink(metricAnchor(d.key))}
		if percent {
			h.Unit = "" // the value carries its %
		}
		if cur != nil {
			h.Cur = d.f(*cur)
			// A rate says what it divides.
			// A rate without a denominator says why it is "—".
			switch {
			case d.key == analytics.MetricGrantRate && h.Cur == nil:
				h.Detail = "本年无办结申请"
			case d.key == analytics.MetricGrantRate:
				h.Detail = ratioText(cur.GrantedOrPartial, cur.RequestsProcessed)
			case d.key == analytics.FigureCorrectionRate && h.Cur == nil:
				h.Detail = "本年无审结案件"
			case d.key == analytics.FigureCorrectionRate:
				h.Detail = ratioText(cur.AppealsCorrected, cur.AppealsConcluded)
			}
		}
		if prev != nil {
			h.Prev = d.f(*prev)
		}
		out[i] = h
	}
	return out
}

// headlineTable lists the headline figures: the table behind the cards.
func headlineTable(hs []headline, year int) Table {
	t := Table{
		Name:  "headline",
		Title: strconv.Itoa(year) + "年主要指标",
		Columns: []Column{
			{Key: "metric", Label: "指标键"},
			{Key: "label", Label: "指标"},
			{Key: "value", Label: "本年", Kind: KindNumber},
			{Key: "prev", Label: "上年", Kind: KindNumber},
			{Key: "change", Label: "同比变化"},
		},
	}
	for _, h := range hs {
		cur, prv := optNumber(h.Cur), optNumber(h.Prev)
		if h.Percent {
			cur, prv = percent(h.Cur), percent(h.Prev)
		}
		t.Rows = append(t.Rows, []Cell{text(h.Key), text(h.Label), cur, prv, text(h.Change())})
	}
	return t
}

// trendTable is the selection's totals, one row per year.
func trendTable(sums []analytics.Rollup) Table {
	t := Table{
		Name:  "trend",
		Title: "历年趋势",
		Columns: []Column{
			{Key: "year", Label: "年份", Kind: KindInt},
			{Key: "townships", Label: "应报乡镇", Kind: KindInt},
			{Key: "reports", Label: "报告数", Kind: KindInt},
			{Key: "proactive_items", Label: "主动公开信息", Kind: KindNumber},
			{Key: "requests_new", Label: "新收申请", Kind: KindNumber},
			{Key: "requests_processed", Label: "办结申请", Kind: KindNumber},
			{Key: "grant_rate", Label: "公开率", Kind: KindPercent},
			{Key: "appeals_total", Label: "复议诉讼", Kind: KindNumber},
			{Key: "correction_rate", Label: "纠错率", Kind: KindPercent},
			{Key: "zero_activity", Label: "零活动乡镇", Kind: KindInt},
			{Key: "missing", Label: "缺报", Kind: KindInt},
			{Key: "flagged", Label: "质量问题报告", Kind: KindInt},
		},
	}
	for _, y := range sums {
		t.Rows = append(t.Rows, []Cell{
			integer(y.Year), integer(y.Townships), integer(y.Reports),
			optNumber(y.ProactiveItems), optNumber(y.RequestsNew), optNumber(y.RequestsProcessed),
			percent(y.GrantRate), optNumber(y.AppealsTotal), percent(y.CorrectionRate),
			integer(y.ZeroActivity), integer(y.Missing), integer(y.Flagged),
		})
	}
	return t
}

// trendChart draws the selection's totals over the years: proactive items
// on the left axis, requests and appeals (far fewer) on the right.
func trendChart(sums []analytics.Rollup) *charts.Line {
	years := make([]int, len(sums))
	var items, requests, appeals []*float64
	for i, y := range sums {
		years[i] = y.Year
		items = append(items, y.ProactiveItems)
		requests = append(requests, y.RequestsNew)
		appeals = append(appeals, y.AppealsTotal)
	}
	l := charts.NewLine()
	l.SetGlobalOptions(baseOptions("axis", true)...)
	l.SetGlobalOptions(
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "条", MinInterval: 1}),
	)
	l.ExtendYAxis(opts.YAxis{Type: "value", Name: "件", MinInterval: 1})
	l.SetXAxis(yearLabels(years))
	onRight := charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.YAxisIndex = 1 })
	l.AddSeries("主动公开信息（条）", lineValues(items))
	l.AddSeries("新收申请（件）", lineValues(requests), onRight)
	l.AddSeries("复议诉讼（件）", lineValues(appeals), onRight)
	return l
}
