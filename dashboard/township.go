package dashboard

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"xxgk/ingest/schema"

	"xxgk/analytics"
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
	view.pageTables(townshipPage.path, q)
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
	tv := newTownView(h)
	years := newSection(townYearsTable(tv, sel, cat.MinRateDenominator), sel)
	years.Open = true
	secs := []section{years}
	if tv.Reported() > 0 {
		if secs[0], err = years.withChart(func() (chart, int) { return townProactiveChart(tv.Years), 260 }); err != nil {
			return nil, err
		}
	}
	more, err := townChartSections(tv.Years, sel)
	if err != nil {
		return nil, err
	}
	secs = append(secs, more...)
	checks := newSection(townChecksTable(tv, sel), sel)
	checks.Open = true
	checks.Empty = "该乡镇的报告都符合模板算术关系，没有警告。"
	secs = append(secs, checks)

	// The filters lead back to the index: a township has every year on one page.
	f := sel
	f.Town = ""
	view := &pageView{
		Title:    h.Township.Name,
		Lead:     strings.TrimSpace(h.Township.Province + " " + h.Township.City + " " + h.Township.County + " · " + tv.Org),
		Sections: secs,
		Body:     tv,
	}
	view.Filters = newFilters("/township", cat, f, false)
	return view, nil
}

// townYear is one year of a township's page: its report, or none.
type townYear struct {
	Year   int
	Report *analytics.ReportSummary // nil: no report that year (缺报)
}

// townView is a township's history as its page shows it: every year from
// the first to the latest, a year without a report in its place, so that
// tables and chart axes keep the gap instead of closing it.
type townView struct {
	analytics.Township
	Org   string // the body as its latest report titles it
	Years []townYear
}

func newTownView(h *analytics.History) townView {
	tv := townView{Township: h.Township.Township}
	for i := range h.Reports {
		tv.Years = append(tv.Years, townYear{Year: h.Reports[i].Year, Report: &h.Reports[i]})
	}
	for _, y := range h.Missing {
		tv.Years = append(tv.Years, townYear{Year: y})
	}
	slices.SortFunc(tv.Years, func(a, b townYear) int { return cmp.Compare(a.Year, b.Year) })
	if n := len(h.Reports); n > 0 {
		tv.Org = h.Reports[n-1].Org
	} else {
		tv.Org = latestOrg(h.Township)
	}
	return tv
}

// Span describes the years a history covers, e.g. "2019–2025年".
func (tv townView) Span() string {
	if len(tv.Years) == 0 {
		return "—"
	}
	return strconv.Itoa(tv.Years[0].Year) + "–" + strconv.Itoa(tv.Years[len(tv.Years)-1].Year) + "年"
}

// Reported counts the years with a report.
func (tv townView) Reported() int { return len(tv.Years) - tv.MissingCount() }

// MissingCount counts the years without a report.
func (tv townView) MissingCount() int {
	n := 0
	for _, y := range tv.Years {
		if y.Report == nil {
			n++
		}
	}
	return n
}

// townChartSections are a township's per-year charts of requests and
// appeals; a chart with nothing to draw in any year is replaced by a note
// and its table is not drawn as zeros.
func townChartSections(years []townYear, sel Selection) ([]section, error) {
	var secs []section
	for _, b := range []struct {
		table Table
		build func([]townYear) chart
		// total is what the chart draws of a year; all zero, there is
		// nothing to draw, and the section says so.
		total func(analytics.ReportSummary) float64
		none  string
	}{
		{townOutcomesTable(years, sel), func(ys []townYear) chart { return townOutcomesChart(ys) },
			func(y analytics.ReportSummary) float64 { return val(y.Requests.Processed) }, "各年均没有办结的申请。"},
		{townApplicantsTable(years, sel), func(ys []townYear) chart { return townApplicantsChart(ys) },
			func(y analytics.ReportSummary) float64 { return val(y.Requests.New) }, "各年均没有新收申请。"},
		{townAppealsTable(years, sel), func(ys []townYear) chart { return townAppealsChart(ys) },
			func(y analytics.ReportSummary) float64 { return val(y.Appeals.Total) }, "各年均没有行政复议或行政诉讼。"},
	} {
		sec := newSection(b.table, sel)
		if !slices.ContainsFunc(years, func(y townYear) bool { return y.Report != nil && b.total(*y.Report) != 0 }) {
			// A table of zeros under "nothing" says nothing more; the
			// downloads keep it.
			sec.Empty, sec.Table.Rows = b.none, nil
			secs = append(secs, sec)
			continue
		}
		sec, err := sec.withChart(func() (chart, int) { return b.build(years), 280 })
		if err != nil {
			return nil, err
		}
		secs = append(secs, sec)
	}
	return secs, nil
}

// townYearsTable is one row per year: the report's source and headline
// figures, or that it is missing.
func townYearsTable(tv townView, sel Selection, minRate int) Table {
	t := Table{
		Name:  "township-years",
		Title: tv.Name + "历年报告",
		Columns: []Column{
			{Key: "year", Label: "年份", Kind: KindInt},
			{Key: "status", Label: "状态"},
			{Key: "template", Label: "模板"},
			{Key: "published", Label: "发布日期"},
			{Key: "source_file", Label: "来源文件"},
			{Key: "proactive_items", Label: "主动公开信息数（条）", Kind: KindNumber},
			{Key: "requests_new", Label: "新收申请数（件）", Kind: KindNumber},
			{Key: "requests_processed", Label: "办理总数（件）", Kind: KindNumber},
			{Key: "grant_rate", Label: "公开率", Kind: KindPercent},
			{Key: "appeals_total", Label: "复议诉讼（件）", Kind: KindNumber},
			{Key: "checks", Label: "算术不符（处）", Kind: KindInt},
			{Key: "incomplete", Label: "缺失部分"},
		},
	}
	for _, ty := range tv.Years {
		y := ty.Report
		if y == nil {
			t.Rows = append(t.Rows, []Cell{integer(ty.Year), text("缺报").marked("bad"), {}, {}, {}, {}, {}, {}, {}, {}, {}, {}})
			continue
		}
		status := text("已报送")
		if y.ZeroActivity {
			status = text("零活动").marked("bad")
		}
		checks := integer(len(y.Checks))
		if len(y.Checks) > 0 {
			checks = checks.marked("bad")
		}
		t.Rows = append(t.Rows, []Cell{
			integer(y.Year), status, text(templateName(y.Template)), text(y.Published), evidence(y.ReportID, y.SourceFile),
			optNumber(y.Proactive.Items), optNumber(y.Requests.New), optNumber(y.Requests.Processed),
			rateCell(y.Requests.GrantRate, sum2(y.Requests.Granted, y.Requests.Partial), y.Requests.Processed, minRate), optNumber(y.Appeals.Total), checks, text(incompleteText(y.Incomplete)),
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

// townYearLabel is the first cell of a township's per-year rows.
func townYearLabel(y townYear) Cell { return integer(y.Year) }

// townRows are a township's per-year rows: a year without a report has
// its year and empty cells, n of them.
func townRows(years []townYear, n int, row func(analytics.ReportSummary) []Cell) [][]Cell {
	var out [][]Cell
	for _, y := range years {
		if y.Report == nil {
			out = append(out, append([]Cell{townYearLabel(y)}, make([]Cell, n)...))
			continue
		}
		out = append(out, append([]Cell{townYearLabel(y)}, row(*y.Report)...))
	}
	return out
}

// townOutcomesTable is each year's processed requests by outcome.
func townOutcomesTable(years []townYear, sel Selection) Table {
	t := Table{Name: "township-outcomes", Title: sel.Town + "历年申请办理结果", Columns: []Column{{Key: "year", Label: "年份", Kind: KindInt}}}
	for i, l := range outcomeLabels {
		t.Columns = append(t.Columns, Column{Key: outcomeKeys[i], Label: l + "（件）", Kind: KindNumber})
	}
	t.Columns = append(t.Columns, Column{Key: "requests_processed", Label: "办理总数（件）", Kind: KindNumber})
	t.Rows = townRows(years, len(t.Columns)-1, func(y analytics.ReportSummary) []Cell {
		var row []Cell
		for _, v := range outcomes(y.Requests) {
			row = append(row, optNumber(v))
		}
		return append(row, checkedCell(y, "s3.processed.total", optNumber(y.Requests.Processed)))
	})
	return t
}

// checkedCell marks a figure the report's arithmetic contradicts (the
// chart's stacked parts then disagree with it), saying what the rule
// expects.
func checkedCell(y analytics.ReportSummary, key string, c Cell) Cell {
	for _, ch := range y.Checks {
		if ch.Cell == key {
			c = c.marked("bad")
			c.Title = schema.RuleTextZH(ch.Rule) + "：按规则应为 " + formatNumber(ch.Expected) + "，报告所填 " + formatNumber(ch.Found)
		}
	}
	return c
}

// townApplicantsTable is each year's new requests by applicant.
func townApplicantsTable(years []townYear, sel Selection) Table {
	t := Table{Name: "township-applicants", Title: sel.Town + "历年申请人构成", Columns: []Column{{Key: "year", Label: "年份", Kind: KindInt}}}
	for i, l := range applicantLabels {
		t.Columns = append(t.Columns, Column{Key: applicantKeys[i], Label: l + "（件）", Kind: KindNumber})
	}
	t.Columns = append(t.Columns, Column{Key: "requests_new", Label: "新收申请数（件）", Kind: KindNumber})
	t.Rows = townRows(years, len(t.Columns)-1, func(y analytics.ReportSummary) []Cell {
		var row []Cell
		for _, v := range applicants(y.Requests.Applicants) {
			row = append(row, optNumber(v))
		}
		return append(row, optNumber(y.Requests.New))
	})
	return t
}

// townAppealsTable is each year's reconsiderations and lawsuits.
func townAppealsTable(years []townYear, sel Selection) Table {
	t := Table{
		Name:  "township-appeals",
		Title: sel.Town + "历年复议诉讼",
		Columns: []Column{
			{Key: "year", Label: "年份", Kind: KindInt},
			{Key: "review_total", Label: "行政复议（件）", Kind: KindNumber},
			{Key: "review_corrected", Label: "复议纠正（件）", Kind: KindNumber},
			{Key: "suit_total", Label: "行政诉讼（件）", Kind: KindNumber},
			{Key: "suit_corrected", Label: "诉讼纠正（件）", Kind: KindNumber},
			{Key: "correction_rate", Label: "纠错率", Kind: KindPercent},
		},
	}
	t.Rows = townRows(years, len(t.Columns)-1, func(y analytics.ReportSummary) []Cell {
		a := y.Appeals
		return []Cell{optNumber(a.Review.Total), optNumber(a.Review.Corrected),
			optNumber(a.Suit.Total), optNumber(a.Suit.Corrected), percent(a.CorrectionRate)}
	})
	return t
}

// townChecksTable lists, per year, every failed check, every missing part
// and every warning the parser gave.
func townChecksTable(tv townView, sel Selection) Table {
	t := Table{
		Name:  "township-checks",
		Title: tv.Name + "历年报告的检查与警告",
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
	town := text(tv.Name)
	for _, ty := range tv.Years {
		y := ty.Report
		if y == nil {
			continue
		}
		for _, c := range y.Checks {
			t.Rows = append(t.Rows, []Cell{town, yearLink(y), text("算术不符").marked("bad"), integer(c.Rule), cellName(c.Cell),
				number(c.Expected), number(c.Found).marked("bad"), text(schema.RuleTextZH(c.Rule))})
		}
		if len(y.Incomplete) > 0 {
			t.Rows = append(t.Rows, []Cell{town, yearLink(y), text("内容不完整").marked("warn"), {}, {}, {}, {},
				text("缺少" + incompleteText(y.Incomplete))})
		}
		for _, w := range y.Warnings {
			t.Rows = append(t.Rows, []Cell{town, yearLink(y), text("解析警告"), {}, {}, {}, {}, text(WarningZH(w))})
		}
	}
	return t
}

// yearLink is a report's year linking to its evidence page.
func yearLink(y *analytics.ReportSummary) Cell {
	c := integer(y.Year)
	c.Href = reportLink(y.ReportID)
	return c
}

// townAxis labels a township's years, a year without a report marked, so
// that the gap shows instead of closing.
func townAxis(years []townYear) []string {
	out := make([]string, len(years))
	for i, y := range years {
		out[i] = strconv.Itoa(y.Year) + "年"
		if y.Report == nil {
			out[i] += "（缺报）"
		}
	}
	return out
}

// townSeries is one figure of every year, nil for a year without a report.
func townSeries(years []townYear, figure func(analytics.ReportSummary) *float64) []*float64 {
	out := make([]*float64, len(years))
	for i, y := range years {
		if y.Report != nil {
			out[i] = figure(*y.Report)
		}
	}
	return out
}

// townProactiveChart draws a township's proactive items per year, with a
// legend saying what the line is (the section is titled 历年报告) and room
// above for the axis unit.
func townProactiveChart(years []townYear) *charts.Line {
	l := charts.NewLine()
	l.SetGlobalOptions(baseOptions("axis", true)...)
	l.SetGlobalOptions(
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "条", MinInterval: 1}),
	)
	l.SetXAxis(townAxis(years))
	data := lineValues(townSeries(years, func(y analytics.ReportSummary) *float64 { return y.Proactive.Items }))
	l.AddSeries("主动公开信息数（条）", data, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top"}))
	return l
}

// townBar is a bar chart over a township's years, gaps kept.
func townBar(years []townYear) *charts.Bar {
	b := charts.NewBar()
	b.SetGlobalOptions(baseOptions("axis", true)...)
	b.SetGlobalOptions(
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "件", MinInterval: 1}),
	)
	b.SetXAxis(townAxis(years))
	return b
}

// townOutcomesChart stacks each year's processed requests by outcome.
func townOutcomesChart(years []townYear) *charts.Bar {
	b := townBar(years)
	for i, label := range outcomeLabels {
		b.AddSeries(label, barValues(townSeries(years, func(y analytics.ReportSummary) *float64 { return outcomes(y.Requests)[i] })), stacked())
	}
	return b
}

// townApplicantsChart stacks each year's new requests by applicant.
func townApplicantsChart(years []townYear) *charts.Bar {
	b := townBar(years)
	for i, label := range applicantLabels {
		b.AddSeries(label, barValues(townSeries(years, func(y analytics.ReportSummary) *float64 {
			return applicants(y.Requests.Applicants)[i]
		})), stacked())
	}
	return b
}

// townAppealsChart draws each year's reconsiderations and lawsuits.
func townAppealsChart(years []townYear) *charts.Bar {
	b := townBar(years)
	b.AddSeries("行政复议", barValues(townSeries(years, func(y analytics.ReportSummary) *float64 { return y.Appeals.Review.Total })))
	b.AddSeries("行政诉讼", barValues(townSeries(years, func(y analytics.ReportSummary) *float64 { return y.Appeals.Suit.Total })))
	return b
}
