package dashboard

import (
	"context"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"xxgk/analytics"
)

// appealsChartMax is the most townships the appeals chart draws.
const appealsChartMax = 30

// loadAppeals: reconsiderations and lawsuits per township, and by year. The
// chart's townships are the top of the whole list (topReports), so they are
// the townships with the most cases however many the table can show.
func (s *Server) loadAppeals(ctx context.Context, sel Selection, cat Catalog) (*pageView, error) {
	list, err := s.src.Reports(ctx, sel.Scope(), sel.Year)
	if err != nil {
		return nil, err
	}
	some, err := s.topReports(ctx, sel, list, TopAppeals, appealsChartMax)
	if err != nil {
		return nil, err
	}
	sums, err := s.src.Summary(ctx, sel.Scope())
	if err != nil {
		return nil, err
	}
	per := newSection(appealsTable(list, sel, cat.MinRateDenominator), sel)
	per.Open = true
	if len(some) > 0 {
		table := "表中为全部乡镇，有结果被纠正的标为橙色。"
		if list.Cut() {
			table = "表中有结果被纠正的乡镇标为橙色。"
		}
		per.setNote("图中为本年有复议或诉讼的乡镇（按件数从多到少，最多 " + strconv.Itoa(appealsChartMax) + " 个）；" + table + "数字单位：件。")
		if per, err = per.withChart(func() (chart, int) { return appealsChart(some), barHeight(len(some)) }); err != nil {
			return nil, err
		}
	} else if len(list.Rows) > 0 {
		// Every figure is 0: say so, and fold the table of zeros.
		per.setNote("所选范围内本年没有行政复议或行政诉讼（各乡镇均为 0，见下方数据表）。")
		per.Open = false
	}
	byYear, err := newSection(appealsByYearTable(sums), sel).withChart(func() (chart, int) { return appealsByYearChart(sums), 280 })
	if err != nil {
		return nil, err
	}
	return &pageView{Sections: []section{per, byYear}}, nil
}

// appealsTable lists each township's appeals in the year by group and
// result, with the correction rate; a township with a correction is marked.
func appealsTable(list List[analytics.ReportSummary], sel Selection, minRate int) Table {
	t := Table{
		Name:  "appeals",
		Title: strconv.Itoa(sel.Year) + "年行政复议、行政诉讼",
		Cut:   cutOf(list, "个", "乡镇"),
		Columns: []Column{
			{Key: "township", Label: "乡镇"},
			{Key: "county", Label: "县区"},
			{Key: "review_upheld", Label: "复议维持", Kind: KindNumber},
			{Key: "review_corrected", Label: "复议纠正", Kind: KindNumber},
			{Key: "review_other", Label: "复议其他", Kind: KindNumber},
			{Key: "review_pending", Label: "复议未审结", Kind: KindNumber},
			{Key: "review_total", Label: "复议总计", Kind: KindNumber},
			{Key: "suit_upheld", Label: "诉讼维持", Kind: KindNumber},
			{Key: "suit_corrected", Label: "诉讼纠正", Kind: KindNumber},
			{Key: "suit_other", Label: "诉讼其他", Kind: KindNumber},
			{Key: "suit_pending", Label: "诉讼未审结", Kind: KindNumber},
			{Key: "suit_total", Label: "诉讼总计", Kind: KindNumber},
			{Key: "appeals_total", Label: "合计", Kind: KindNumber},
			{Key: "correction_rate", Label: "纠错率", Kind: KindPercent},
		},
	}
	for _, r := range list.Rows {
		a := r.Appeals
		name := link(r.Name, sel.TownLink(r.Township))
		if val(a.Review.Corrected)+val(a.Suit.Corrected) > 0 {
			name = name.marked("warn")
		}
		row := []Cell{name, text(r.County)}
		for _, g := range []analytics.AppealGroup{a.Review, a.Suit} {
			row = append(row, optNumber(g.Upheld), optNumber(g.Corrected), optNumber(g.Other), optNumber(g.Pending), optNumber(g.Total))
		}
		t.Rows = append(t.Rows, append(row, optNumber(a.Total), rateCell(a.CorrectionRate, sum2(a.Review.Corrected, a.Suit.Corrected), sum2(a.Review.Concluded, a.Suit.Concluded), minRate)))
	}
	return t
}

// appealsByYearTable is the selection's appeals per year.
func appealsByYearTable(sums []analytics.Rollup) Table {
	t := Table{
		Name:  "appeals-by-year",
		Title: "历年复议诉讼",
		Columns: []Column{
			{Key: "year", Label: "年份", Kind: KindInt},
			{Key: "appeals_total", Label: "复议诉讼", Kind: KindNumber},
			{Key: "appeals_concluded", Label: "已审结", Kind: KindNumber},
			{Key: "appeals_corrected", Label: "结果纠正", Kind: KindNumber},
			{Key: "correction_rate", Label: "纠错率", Kind: KindPercent},
		},
	}
	for _, y := range sums {
		t.Rows = append(t.Rows, []Cell{integer(y.Year), optNumber(y.AppealsTotal), optNumber(y.AppealsConcluded),
			optNumber(y.AppealsCorrected), percent(y.CorrectionRate)})
	}
	return t
}

// appealsChart stacks each township's reconsiderations and lawsuits.
func appealsChart(rows []analytics.ReportSummary) *charts.Bar {
	b := horizontalBar(townNames(rows, func(r analytics.ReportSummary) analytics.Township { return r.Township }), true, "件", false)
	review, suit := make([]*float64, len(rows)), make([]*float64, len(rows))
	for i, r := range rows {
		review[i], suit[i] = r.Appeals.Review.Total, r.Appeals.Suit.Total
	}
	b.AddSeries("行政复议", barValues(review), stacked())
	b.AddSeries("行政诉讼", barValues(suit), stacked())
	b.SetSeriesOptions(thinBars())
	return b
}

// appealsByYearChart draws appeals and corrections per year.
func appealsByYearChart(sums []analytics.Rollup) *charts.Bar {
	years := make([]int, len(sums))
	all, corrected := make([]*float64, len(sums)), make([]*float64, len(sums))
	for i, y := range sums {
		years[i], all[i], corrected[i] = y.Year, y.AppealsTotal, y.AppealsCorrected
	}
	b := yearBar(years, "件")
	b.AddSeries("复议诉讼", barValues(all))
	b.AddSeries("结果纠正", barValues(corrected), charts.WithItemStyleOpts(opts.ItemStyle{Color: colorWarn}))
	return b
}
