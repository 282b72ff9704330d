package dashboard

import (
	"context"
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"

	"xxgk/analytics"
)

// loadCounties: the counties of the selection side by side in the year,
// for leadership: townships, reports received, missing, zero activity,
// flagged, the key metrics as totals and medians, the rank among the
// counties by the median activity index and its change (from the Source,
// computed once in SQL), and the trend of that median as a sparkline. Each
// county links to its overview.
func (s *Server) loadCounties(ctx context.Context, sel Selection, cat Catalog) (*pageView, error) {
	rows, err := s.src.CountyComparison(ctx, Scope{Province: sel.Province, City: sel.City})
	if err != nil {
		return nil, err
	}
	sec := newSection(countiesTable(rows, sel, cat), sel)
	sec.Open = true
	sec.Empty = strconv.Itoa(sel.Year) + "年所选范围内没有县区的报告。"
	sec.setNote("名次：按各县区乡镇综合活跃指数的中位数从高到低排列（" + Metrics[len(Metrics)-1].Definition() +
		"）；名次变化为上年名次减本年名次，▲ 为上升。公开率在办理总数少于 " + strconv.Itoa(cat.MinRateDenominator) +
		" 件时不计算。趋势线为历年综合活跃指数中位数。")
	sec.DefHref = Metrics[len(Metrics)-1].DefHref()
	card, err := s.scorecardSection(ctx, sel, "county-scorecard")
	if err != nil {
		return nil, err
	}
	return &pageView{Sections: []section{sec, card}}, nil
}

// countiesTable is one row per county of the selected year, best first.
func countiesTable(rows []analytics.CountyYear, sel Selection, cat Catalog) Table {
	t := Table{
		Name:  "counties",
		Title: strconv.Itoa(sel.Year) + "年县区对比",
		Columns: []Column{
			{Key: "rank", Label: "名次", Kind: KindInt},
			{Key: "rank_change", Label: "名次变化", Kind: KindInt},
			{Key: "county", Label: "县区"},
			{Key: "city", Label: "市"},
			{Key: "townships", Label: "乡镇数（个）", Kind: KindInt},
			{Key: "reports", Label: "已报送（份）", Kind: KindInt},
			{Key: "missing", Label: "缺报（份）", Kind: KindInt},
			{Key: "zero_activity", Label: "零活动（个）", Kind: KindInt},
			{Key: "flagged", Label: "质量问题（份）", Kind: KindInt},
			{Key: "proactive_items", Label: "主动公开合计（条）", Kind: KindNumber},
			{Key: "proactive_items_median", Label: "主动公开中位数（条）", Kind: KindNumber},
			{Key: "requests_new", Label: "新收申请合计（件）", Kind: KindNumber},
			{Key: "requests_new_median", Label: "新收申请中位数（件）", Kind: KindNumber},
			{Key: "grant_rate", Label: "公开率", Kind: KindPercent},
			{Key: "activity_index_median", Label: "活跃指数中位数（分）", Kind: KindNumber},
			{Key: "trend", Label: "历年趋势"},
		},
	}
	trend := map[string][]analytics.CountyYear{}
	for _, r := range rows {
		trend[r.Province+"|"+r.City+"|"+r.County] = append(trend[r.Province+"|"+r.City+"|"+r.County], r)
	}
	var this []analytics.CountyYear
	for _, r := range rows {
		if r.Year == sel.Year {
			this = append(this, r)
		}
	}
	// Ranked counties by rank, the unranked after them.
	order := func(r analytics.CountyYear) int {
		if r.Rank == nil {
			return math.MaxInt
		}
		return *r.Rank
	}
	sortStable(this, func(a, b analytics.CountyYear) bool { return order(a) < order(b) })
	index, _ := metricByKey(string(analytics.MetricActivityIndex))
	for _, r := range this {
		link := Selection{Province: r.Province, City: r.City, County: r.County, Year: sel.Year, Metric: Metrics[0]}.Link("/")
		rate := percent(r.GrantRate)
		if r.RequestsProcessed != nil && *r.RequestsProcessed < float64(cat.MinRateDenominator) {
			rate = smallSample(r.RequestsProcessed, cat.MinRateDenominator)
		} else if r.GrantRate != nil {
			rate.Text += "（" + formatNumber(val(r.GrantedOrPartial)) + "/" + formatNumber(val(r.RequestsProcessed)) + "）"
		}
		idx := Cell{Text: "—"}
		if r.ActivityIndexMedian != nil {
			idx = metricCell(index, r.ActivityIndexMedian)
		}
		t.Rows = append(t.Rows, []Cell{
			optRank(r.Rank), rankChange(r.Rank, r.RankChange), {Value: r.County, Text: r.County, Href: link}, text(r.City),
			integer(r.Townships), integer(r.Reports), marked(integer(r.Missing), r.Missing > 0, "bad"),
			marked(integer(r.ZeroActivity), r.ZeroActivity > 0, "bad"), marked(integer(r.Flagged), r.Flagged > 0, "warn"),
			optNumber(r.ProactiveItems), optNumber(r.ProactiveItemsMedian), optNumber(r.RequestsNew), optNumber(r.RequestsNewMedian),
			rate, idx, sparkCell(trend[r.Province+"|"+r.City+"|"+r.County]),
		})
	}
	return t
}

func marked(c Cell, when bool, class string) Cell {
	if when {
		return c.marked(class)
	}
	return c
}

func sortStable[T any](xs []T, less func(a, b T) bool) {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && less(xs[j], xs[j-1]); j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}

// sparkCell is a county's median activity index over the years: drawn as
// a small line on the page, written out year by year in downloads.
func sparkCell(years []analytics.CountyYear) Cell {
	var parts []string
	var vals []*float64
	for _, y := range years {
		vals = append(vals, y.ActivityIndexMedian)
		v := "—"
		if y.ActivityIndexMedian != nil {
			v = strconv.FormatFloat(math.Round(*y.ActivityIndexMedian*10)/10, 'f', 1, 64)
		}
		parts = append(parts, strconv.Itoa(y.Year)+"年 "+v)
	}
	s := strings.Join(parts, "；")
	return Cell{Value: s, Title: s, Spark: sparkline(vals)}
}

// sparkline draws values (0–100, nil a gap) as an inline SVG line of fixed
// size: no script, nothing loaded.
func sparkline(vals []*float64) template.HTML {
	const w, h = 96.0, 22.0
	if len(vals) < 2 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="spark" width="%g" height="%g" viewBox="0 0 %g %g" role="img" aria-label="趋势"><polyline fill="none" stroke="currentColor" stroke-width="1.5" points="`, w, h, w, h)
	for i, v := range vals {
		if v == nil {
			continue
		}
		x := float64(i) * (w - 4) / float64(len(vals)-1)
		y := h - 2 - (min(max(*v, 0), 100))/100*(h-4)
		fmt.Fprintf(&b, "%.1f,%.1f ", x+2, y)
	}
	b.WriteString(`"/></svg>`)
	return template.HTML(b.String()) // built from numbers only
}
