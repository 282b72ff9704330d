package dashboard

import (
	"cmp"
	"context"
	"slices"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// requestsChartMax is the most townships the outcomes chart draws.
const requestsChartMax = 30

// outcomeLabels name the outcome groups of part 三, in template order.
var outcomeLabels = [6]string{"予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"}

// applicantLabels name the applicant columns of part 三, in template order.
var applicantLabels = [6]string{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"}

// applicantKeys are FORMAT.md's column keys of applicantLabels.
var applicantKeys = [6]string{"natural", "commercial", "research", "social", "legal", "other"}

// loadRequests: each township's request outcomes, and who applied.
func (s *Server) loadRequests(ctx context.Context, sel Selection, cat Catalog) (*pageView, error) {
	rows, err := s.src.Reports(ctx, sel.Scope(), sel.Year)
	if err != nil {
		return nil, err
	}
	busy := slices.DeleteFunc(slices.Clone(rows), func(r Report) bool { return val(r.Requests.Processed) == 0 })
	slices.SortStableFunc(busy, func(a, b Report) int { return cmp.Compare(val(b.Requests.Processed), val(a.Requests.Processed)) })
	busy = busy[:min(len(busy), requestsChartMax)]

	out := newSection(requestsTable(rows, sel), sel)
	out.Open = true
	out.Note = "图中为本年有办结申请的乡镇（按办结数从多到少，最多 " + strconv.Itoa(requestsChartMax) + " 个）；表中为全部乡镇。"
	if len(busy) > 0 {
		if out, err = out.withChart(func() (chart, int) { return outcomesChart(busy), barHeight(len(busy)) }); err != nil {
			return nil, err
		}
	} else if len(rows) > 0 {
		out.Note = "所选范围内本年没有办结的申请。"
	}
	mix := applicantTotals(rows)
	app := newSection(applicantsTable(rows, sel), sel)
	if total(mix[:]) > 0 {
		if app, err = app.withChart(func() (chart, int) { return applicantsChart(mix), 300 }); err != nil {
			return nil, err
		}
	} else {
		app.Open = len(rows) > 0
		app.Note = "所选范围内本年没有新收申请。"
	}
	return &pageView{Sections: []section{out, app}}, nil
}

// requestsTable lists each township's requests in the year.
func requestsTable(rows []Report, sel Selection) Table {
	t := Table{
		Name:  "requests",
		Title: strconv.Itoa(sel.Year) + "年依申请公开办理结果",
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
	for _, r := range rows {
		q := r.Requests
		row := []Cell{link(r.Town.Name, sel.TownLink(r.Town)), text(r.Town.County), optNumber(q.New), optNumber(q.CarriedIn)}
		for _, v := range q.Outcomes() {
			row = append(row, optNumber(v))
		}
		row = append(row, optNumber(q.Processed), optNumber(q.CarriedOut), percent(q.GrantRate))
		t.Rows = append(t.Rows, row)
	}
	return t
}

// applicantsTable splits each township's new requests by applicant, with a
// total row: the figures of the pie chart.
func applicantsTable(rows []Report, sel Selection) Table {
	t := Table{
		Name:    "applicants",
		Title:   strconv.Itoa(sel.Year) + "年申请人构成",
		Columns: []Column{{Key: "township", Label: "乡镇"}, {Key: "county", Label: "县区"}},
	}
	for i, l := range applicantLabels {
		t.Columns = append(t.Columns, Column{Key: applicantKeys[i], Label: l, Kind: KindNumber})
	}
	t.Columns = append(t.Columns, Column{Key: "requests_new", Label: "新收合计", Kind: KindNumber})
	for _, r := range rows {
		row := []Cell{link(r.Town.Name, sel.TownLink(r.Town)), text(r.Town.County)}
		for _, v := range r.Requests.Applicants {
			row = append(row, optNumber(v))
		}
		t.Rows = append(t.Rows, append(row, optNumber(r.Requests.New)))
	}
	if len(rows) > 0 {
		mix := applicantTotals(rows)
		row := []Cell{text("合计"), text("")}
		for _, v := range mix {
			row = append(row, number(v))
		}
		t.Rows = append(t.Rows, append(row, number(total(mix[:]))))
	}
	return t
}

// applicantTotals adds the new requests of every report by applicant.
func applicantTotals(rows []Report) [6]float64 {
	var mix [6]float64
	for _, r := range rows {
		for i, v := range r.Requests.Applicants {
			mix[i] += val(v)
		}
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
func outcomesChart(rows []Report) *charts.Bar {
	b := horizontalBar(townNames(rows, func(r Report) Town { return r.Town }), true, "件", false)
	for i, label := range outcomeLabels {
		data := make([]*float64, len(rows))
		for j, r := range rows {
			data[j] = r.Requests.Outcomes()[i]
		}
		b.AddSeries(label, barValues(data), stacked())
	}
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
