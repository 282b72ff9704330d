package dashboard

import (
	"context"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"xxgk/analytics"
)

// requestsChartMax is the most townships the outcomes chart draws.
const requestsChartMax = 30

// topReports is the area's top n reports by the column by: taken from list,
// the page's own list of the same reports, when it is complete (a query
// fewer: about half a cold page's cost), else the Source's top list.
func (s *Server) topReports(ctx context.Context, sel Selection, list List[analytics.ReportSummary], by string, n int) ([]analytics.ReportSummary, error) {
	if top, ok := analytics.TopOf(list, analytics.TopColumn(by), n); ok {
		return top, nil
	}
	return s.src.TopReports(ctx, sel.Scope(), sel.Year, by, n)
}

// loadRequests: each township's request outcomes, and who applied. The
// chart's townships are the top of the whole list (topReports) and the
// applicant mix the Source's totals, however many townships the table can
// show.
func (s *Server) loadRequests(ctx context.Context, sel Selection, cat Catalog) (*pageView, error) {
	list, err := s.src.Reports(ctx, sel.Scope(), sel.Year)
	if err != nil {
		return nil, err
	}
	busy, err := s.topReports(ctx, sel, list, TopProcessed, requestsChartMax)
	if err != nil {
		return nil, err
	}
	totals, err := s.src.RequestTotals(ctx, sel.Scope(), sel.Year)
	if err != nil {
		return nil, err
	}
	out := newSection(requestsTable(list, sel, cat.MinRateDenominator), sel)
	out.Open = true
	if len(busy) > 0 {
		note := "图中为本年有办结申请的乡镇（按办结数从多到少，最多 " + strconv.Itoa(requestsChartMax) + " 个）"
		if !list.Cut() {
			note += "；表中为全部乡镇"
		}
		out.setNote(note + "。表中数字单位：件。")
		if out, err = out.withChart(func() (chart, int) { return outcomesChart(busy), barHeight(len(busy)) }); err != nil {
			return nil, err
		}
	} else if len(list.Rows) > 0 {
		// Every figure is 0: say so, and fold the table of zeros.
		out.setNote("所选范围内本年没有办结的申请（各乡镇均为 0，见下方数据表）。")
		out.Open = false
	}
	mix := applicantMix(totals)
	app := newSection(applicantsTable(list, mix, sel), sel)
	if total(mix[:]) > 0 {
		if app, err = app.withChart(func() (chart, int) { return applicantsChart(mix), 300 }); err != nil {
			return nil, err
		}
	} else if len(list.Rows) > 0 {
		app.setNote("所选范围内本年没有新收申请（各乡镇均为 0，见下方数据表）。")
	}
	return &pageView{Sections: []section{out, app}}, nil
}

// requestsTable lists each township's requests in the year.
func requestsTable(list List[analytics.ReportSummary], sel Selection, minRate int) Table {
	t := Table{
		Name:  "requests",
		Title: strconv.Itoa(sel.Year) + "年依申请公开办理结果",
		Cut:   cutOf(list, "个", "乡镇"),
		Columns: []Column{
			{Key: "township", Label: "乡镇"},
			{Key: "county", Label: "县区"},
			{Key: "requests_new", Label: "新收", Kind: KindNumber},
			{Key: "requests_carried_in", Label: "上年结转", Kind: KindNumber},
			{Key: "granted", Label: outcomeLabels[0], Kind: KindNumber},
			{Key: "partial", Label: outcomeLabels[1], Kind: KindNumber},
			{Key: "denied", Label: outcomeLabels[2], Kind: KindNumber},
			{Key: "unavailable", Label: outcomeLabels[3], Kind: KindNumber},
			{Key: "rejected", Label: outcomeLabels[4], Kind: KindNumber},
			{Key: "other", Label: outcomeLabels[5], Kind: KindNumber},
			{Key: "requests_processed", Label: "办结", Kind: KindNumber},
			{Key: "carried_out", Label: "结转下年", Kind: KindNumber},
			{Key: "grant_rate", Label: "公开率", Kind: KindPercent},
		},
	}
	for _, r := range list.Rows {
		q := r.Requests
		row := []Cell{link(r.Name, sel.TownLink(r.Township)), text(r.County), optNumber(q.New), optNumber(q.CarriedIn)}
		for _, v := range outcomes(q) {
			row = append(row, optNumber(v))
		}
		row = append(row, optNumber(q.Processed), optNumber(q.CarriedOut), rateCell(q.GrantRate, sum2(q.Granted, q.Partial), q.Processed, minRate))
		t.Rows = append(t.Rows, row)
	}
	return t
}

// applicantsTable splits each township's new requests by applicant, with a
// total row of every township in the selection (mix, the figures of the pie
// chart), listed or not.
func applicantsTable(list List[analytics.ReportSummary], mix [6]float64, sel Selection) Table {
	t := Table{
		Name:    "applicants",
		Title:   strconv.Itoa(sel.Year) + "年申请人构成",
		Columns: []Column{{Key: "township", Label: "乡镇"}, {Key: "county", Label: "县区"}},
		Cut:     cutOf(list, "个", "乡镇"),
	}
	for i, l := range applicantLabels {
		t.Columns = append(t.Columns, Column{Key: applicantKeys[i], Label: l, Kind: KindNumber})
	}
	t.Columns = append(t.Columns, Column{Key: "requests_new", Label: "新收合计", Kind: KindNumber})
	for _, r := range list.Rows {
		row := []Cell{link(r.Name, sel.TownLink(r.Township)), text(r.County)}
		for _, v := range applicants(r.Requests.Applicants) {
			row = append(row, optNumber(v))
		}
		t.Rows = append(t.Rows, append(row, optNumber(r.Requests.New)))
	}
	if len(list.Rows) > 0 {
		label := "合计"
		if list.Cut() {
			label = "合计（所选范围全部乡镇）"
		}
		row := []Cell{text(label), text("")}
		for _, v := range mix {
			row = append(row, number(v))
		}
		t.Rows = append(t.Rows, append(row, number(total(mix[:]))))
	}
	return t
}

// applicantMix is the selection's new requests by applicant, 0 where no
// report prints the column.
func applicantMix(t analytics.RequestTotals) [6]float64 {
	var mix [6]float64
	for i, v := range applicants(t.Applicants) {
		mix[i] = val(v)
	}
	return mix
}

func total(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s
}

// val is a figure, 0 when absent: for sums and sorting, never for display.
func val(v *float64) float64 {
	if v == nil {
		return 0
	}
	return *v
}

// outcomesChart stacks each township's processed requests by outcome.
func outcomesChart(rows []analytics.ReportSummary) *charts.Bar {
	b := horizontalBar(townNames(rows, func(r analytics.ReportSummary) analytics.Township { return r.Township }), true, "件", false)
	for i, label := range outcomeLabels {
		data := make([]*float64, len(rows))
		for j, r := range rows {
			data[j] = outcomes(r.Requests)[i]
		}
		b.AddSeries(label, barValues(data), stacked())
	}
	b.SetSeriesOptions(thinBars())
	return b
}

// applicantsChart is the selection's new requests by applicant, as a pie.
func applicantsChart(mix [6]float64) *charts.Pie {
	p := charts.NewPie()
	p.SetGlobalOptions(baseOptions("item", true)...)
	data := make([]opts.PieData, len(mix))
	for i, v := range mix {
		data[i] = opts.PieData{Name: applicantLabels[i], Value: v}
	}
	p.AddSeries("申请人", data, charts.WithPieChartOpts(opts.PieChart{Radius: []string{"35%", "65%"}, Center: []string{"50%", "58%"}}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Formatter: "{b}：{c}（{d}%）"}))
	return p
}
