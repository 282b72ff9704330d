package dashboard

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"xxgk/ingest/schema"
)

// handleTownship serves a township's page, or without a town the index of
// the townships in the selected places.
func (s *Server) handleTownship(c *gin.Context) error {
	q := c.Request.URL.Query()
	if strings.TrimSpace(q.Get(paramTown)) == "" {
		return s.handleTownshipIndex(c)
	}
	view, err := s.loadPage(c.Request.Context(), townshipPage, q)
	if err != nil {
		return err
	}
	return s.render(c, 200, townshipPage.template, view)
}

// loadTownship: every year of one township, its charts and its checks.
func (s *Server) loadTownship(ctx context.Context, sel Selection, cat Catalog) (*pageView, error) {
	h, err := s.src.Township(ctx, sel.County, sel.Town)
	if errors.Is(err, ErrNotFound) {
		return nil, notFound("未找到乡镇：" + truncate(sel.Town, 40))
	}
	if err != nil {
		return nil, err
	}
	reported := slices.DeleteFunc(slices.Clone(h.Years), func(y Report) bool { return y.Missing })
	years := newSection(townYearsTable(h, sel), sel)
	years.Open = true
	secs := []section{years}
	if len(reported) > 0 {
		if secs[0], err = years.withChart(func() (chart, int) { return townProactiveChart(reported), 260 }); err != nil {
			return nil, err
		}
	}
	more, err := townChartSections(reported, sel)
	if err != nil {
		return nil, err
	}
	secs = append(secs, more...)
	checks := newSection(townChecksTable(h, sel), sel)
	checks.Open = true
	checks.Empty = "该乡镇的报告都符合模板算术关系，没有警告。"
	secs = append(secs, checks)

	// The filters lead back to the index: a township has every year on one page.
	f := sel
	f.Town = ""
	view := &pageView{
		Title:    h.Town.Name,
		Lead:     strings.TrimSpace(h.Town.Province + " " + h.Town.City + " " + h.Town.County + " · " + h.Town.Org),
		Sections: secs,
		Body:     h,
	}
	view.Filters = newFilters("/township", cat, f, false)
	return view, nil
}

// townChartSections are a township's per-year charts of requests and
// appeals; a chart with nothing to draw in any year is replaced by a note.
func townChartSections(reported []Report, sel Selection) ([]section, error) {
	var secs []section
	for _, b := range []struct {
		table Table
		build func([]Report) chart
		// total is what the chart draws of a year; all zero, there is
		// nothing to draw, and the section says so.
		total func(Report) float64
		none  string
	}{
		{townOutcomesTable(reported, sel), func(ys []Report) chart { return townOutcomesChart(ys) },
			func(y Report) float64 { return val(y.Requests.Processed) }, "各年均没有办结的申请。"},
		{townApplicantsTable(reported, sel), func(ys []Report) chart { return townApplicantsChart(ys) },
			func(y Report) float64 { return val(y.Requests.New) }, "各年均没有新收申请。"},
		{townAppealsTable(reported, sel), func(ys []Report) chart { return townAppealsChart(ys) },
			func(y Report) float64 { return val(y.Appeals.Total) }, "各年均没有行政复议或行政诉讼。"},
	} {
		sec := newSection(b.table, sel)
		if !slices.ContainsFunc(reported, func(y Report) bool { return b.total(y) != 0 }) {
			sec.Note, sec.Open = b.none, true
			secs = append(secs, sec)
			continue
		}
		sec, err := sec.withChart(func() (chart, int) { return b.build(reported), 280 })
		if err != nil {
			return nil, err
		}
		secs = append(secs, sec)
	}
	return secs, nil
}

// townYearLabel is the first cell of a township's per-year rows.
func townYearLabel(y Report) Cell { return integer(y.Year) }

// townYearsTable is one row per year: the report's source and headline
// figures, or that it is missing.
func townYearsTable(h TownHistory, sel Selection) Table {
	t := Table{
		Name:  "township-years",
		Title: h.Town.Name + "历年报告",
		Columns: []Column{
			{Key: "year", Label: "年份", Kind: KindInt},
			{Key: "status", Label: "状态"},
			{Key: "template", Label: "模板"},
			{Key: "published", Label: "发布日期"},
			{Key: "source_file", Label: "来源文件"},
			{Key: "proactive_items", Label: "主动公开信息（条）", Kind: KindNumber},
			{Key: "requests_new", Label: "新收申请", Kind: KindNumber},
			{Key: "requests_processed", Label: "办结", Kind: KindNumber},
			{Key: "grant_rate", Label: "公开率", Kind: KindPercent},
			{Key: "appeals_total", Label: "复议诉讼", Kind: KindNumber},
			{Key: "checks", Label: "算术不符", Kind: KindInt},
			{Key: "incomplete", Label: "缺失部分"},
		},
	}
	for _, y := range h.Years {
		if y.Missing {
			t.Rows = append(t.Rows, []Cell{integer(y.Year), text("缺报").marked("bad"), {}, {}, {}, {}, {}, {}, {}, {}, {}, {}})
			continue
		}
		status := text("已报送")
		if y.Zero {
			status = text("零活动").marked("bad")
		}
		checks := integer(len(y.Checks))
		if len(y.Checks) > 0 {
			checks = checks.marked("bad")
		}
		t.Rows = append(t.Rows, []Cell{
			integer(y.Year), status, text(templateName(y.Template)), text(y.Published), fileName(y.SourceFile),
			optNumber(y.ProactiveItems), optNumber(y.Requests.New), optNumber(y.Requests.Processed),
			percent(y.Requests.GrantRate), optNumber(y.Appeals.Total), checks, text(incompleteText(y.Incomplete)),
		})
	}
	return t
}

func templateName(t string) string {
	if t == "" {
		return "未识别"
	}
	return t + "版"
}

// townOutcomesTable is each year's processed requests by outcome.
func townOutcomesTable(years []Report, sel Selection) Table {
	t := Table{Name: "township-outcomes", Title: sel.Town + "历年申请办理结果", Columns: []Column{{Key: "year", Label: "年份", Kind: KindInt}}}
	keys := []string{"granted", "partial", "denied", "unavailable", "rejected", "other"}
	for i, l := range outcomeLabels {
		t.Columns = append(t.Columns, Column{Key: keys[i], Label: l, Kind: KindNumber})
	}
	t.Columns = append(t.Columns, Column{Key: "requests_processed", Label: "办结", Kind: KindNumber})
	for _, y := range years {
		row := []Cell{townYearLabel(y)}
		for _, v := range y.Requests.Outcomes() {
			row = append(row, optNumber(v))
		}
		t.Rows = append(t.Rows, append(row, optNumber(y.Requests.Processed)))
	}
	return t
}

// townApplicantsTable is each year's new requests by applicant.
func townApplicantsTable(years []Report, sel Selection) Table {
	t := Table{Name: "township-applicants", Title: sel.Town + "历年申请人构成", Columns: []Column{{Key: "year", Label: "年份", Kind: KindInt}}}
	for i, l := range applicantLabels {
		t.Columns = append(t.Columns, Column{Key: applicantKeys[i], Label: l, Kind: KindNumber})
	}
	t.Columns = append(t.Columns, Column{Key: "requests_new", Label: "新收合计", Kind: KindNumber})
	for _, y := range years {
		row := []Cell{townYearLabel(y)}
		for _, v := range y.Requests.Applicants {
			row = append(row, optNumber(v))
		}
		t.Rows = append(t.Rows, append(row, optNumber(y.Requests.New)))
	}
	return t
}

// townAppealsTable is each year's reconsiderations and lawsuits.
func townAppealsTable(years []Report, sel Selection) Table {
	t := Table{
		Name:  "township-appeals",
		Title: sel.Town + "历年复议诉讼",
		Columns: []Column{
			{Key: "year", Label: "年份", Kind: KindInt},
			{Key: "review_total", Label: "行政复议", Kind: KindNumber},
			{Key: "review_corrected", Label: "复议纠正", Kind: KindNumber},
			{Key: "suit_total", Label: "行政诉讼", Kind: KindNumber},
			{Key: "suit_corrected", Label: "诉讼纠正", Kind: KindNumber},
			{Key: "correction_rate", Label: "纠错率", Kind: KindPercent},
		},
	}
	for _, y := range years {
		a := y.Appeals
		t.Rows = append(t.Rows, []Cell{townYearLabel(y), optNumber(a.Review.Total), optNumber(a.Review.Corrected),
			optNumber(a.Suit.Total), optNumber(a.Suit.Corrected), percent(a.CorrectionRate)})
	}
	return t
}

// townChecksTable lists, per year, every failed check, every missing part
// and every warning the parser gave.
func townChecksTable(h TownHistory, sel Selection) Table {
	t := Table{
		Name:  "township-checks",
		Title: h.Town.Name + "历年报告的检查与警告",
		Columns: []Column{
			{Key: "township", Label: "乡镇"},
			{Key: "year", Label: "年份", Kind: KindInt},
			{Key: "kind", Label: "类别"},
			{Key: "rule", Label: "规则", Kind: KindInt},
			{Key: "cell", Label: "单元格"},
			{Key: "expected", Label: "按规则应为", Kind: KindNumber},
			{Key: "found", Label: "报告所填", Kind: KindNumber},
			{Key: "detail", Label: "说明"},
		},
	}
	town := text(h.Town.Name)
	for _, y := range h.Years {
		for _, c := range y.Checks {
			t.Rows = append(t.Rows, []Cell{town, integer(y.Year), text("算术不符").marked("bad"), integer(c.Rule), cellName(c.Cell),
				number(c.Expected), number(c.Found).marked("bad"), text(schema.RuleTextZH(c.Rule))})
		}
		if len(y.Incomplete) > 0 {
			t.Rows = append(t.Rows, []Cell{town, integer(y.Year), text("内容不完整").marked("warn"), {}, {}, {}, {},
				text("缺少" + incompleteText(y.Incomplete))})
		}
		for _, w := range y.Warnings {
			t.Rows = append(t.Rows, []Cell{town, integer(y.Year), text("解析警告"), {}, {}, {}, {}, text(w)})
		}
	}
	return t
}

// townProactiveChart draws a township's proactive items per year.
func townProactiveChart(years []Report) *charts.Line {
	l := charts.NewLine()
	l.SetGlobalOptions(baseOptions("axis", false)...)
	l.SetGlobalOptions(
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "条", MinInterval: 1}),
	)
	ys := make([]int, len(years))
	data := make([]opts.LineData, len(years))
	for i, y := range years {
		ys[i] = y.Year
		data[i] = lineValue(y.ProactiveItems)
	}
	l.SetXAxis(yearLabels(ys))
	l.AddSeries("主动公开信息（条）", data, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top"}))
	return l
}

// townOutcomesChart stacks each year's processed requests by outcome.
func townOutcomesChart(years []Report) *charts.Bar {
	b := yearBar(yearsOf(years), "件")
	for i, label := range outcomeLabels {
		data := make([]*float64, len(years))
		for j, y := range years {
			data[j] = y.Requests.Outcomes()[i]
		}
		b.AddSeries(label, barValues(data), stacked())
	}
	return b
}

// townApplicantsChart stacks each year's new requests by applicant.
func townApplicantsChart(years []Report) *charts.Bar {
	b := yearBar(yearsOf(years), "件")
	for i, label := range applicantLabels {
		data := make([]*float64, len(years))
		for j, y := range years {
			data[j] = y.Requests.Applicants[i]
		}
		b.AddSeries(label, barValues(data), stacked())
	}
	return b
}

// townAppealsChart draws each year's reconsiderations and lawsuits.
func townAppealsChart(years []Report) *charts.Bar {
	b := yearBar(yearsOf(years), "件")
	review, suit := make([]*float64, len(years)), make([]*float64, len(years))
	for i, y := range years {
		review[i], suit[i] = y.Appeals.Review.Total, y.Appeals.Suit.Total
	}
	b.AddSeries("行政复议", barValues(review))
	b.AddSeries("行政诉讼", barValues(suit))
	return b
}

func yearsOf(years []Report) []int {
	out := make([]int, len(years))
	for i, y := range years {
		out[i] = y.Year
	}
	return out
}

// Span describes the years a history covers, e.g. "2019–2025年".
func (h TownHistory) Span() string {
	if len(h.Years) == 0 {
		return "—"
	}
	return strconv.Itoa(h.Years[0].Year) + "–" + strconv.Itoa(h.Years[len(h.Years)-1].Year) + "年"
}

// Reported counts the years with a report.
func (h TownHistory) Reported() int { return len(h.Years) - h.MissingCount() }

// MissingCount counts the years without a report.
func (h TownHistory) MissingCount() int {
	n := 0
	for _, y := range h.Years {
		if y.Missing {
			n++
		}
	}
	return n
}
