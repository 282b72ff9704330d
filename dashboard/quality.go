package dashboard

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"xxgk/ingest/schema"

	"xxgk/analytics"
)

// loadQuality: the reports of the year that break the arithmetic or are
// incomplete, cell by cell, and their count by year (counted by the Source,
// not from the list, which may be cut).
func (s *Server) loadQuality(ctx context.Context, sel Selection, cat Catalog) (*pageView, error) {
	list, err := s.src.Quality(ctx, sel.Scope(), sel.Year)
	if err != nil {
		return nil, err
	}
	counts, err := s.src.Counts(ctx, sel.Scope())
	if err != nil {
		return nil, err
	}
	flags, err := s.src.ReviewQueue(ctx, sel.Scope(), sel.Year, "", "")
	if err != nil {
		return nil, err
	}
	stats := qualityStats(counts)
	cells := newSection(qualityTable(list, sel, decisionsOf(flags)), sel)
	cells.Open = true
	cells.Empty = strconv.Itoa(sel.Year) + "年所选范围内的报告都符合模板算术关系且内容完整。"
	byYear, err := newSection(qualityByYearTable(stats), sel).withChart(func() (chart, int) { return qualityByYearChart(stats), 280 })
	if err != nil {
		return nil, err
	}
	return &pageView{Sections: []section{cells, byYear}}, nil
}

// qualityTable has one row per failing cell, and one per incomplete report
// without failing cells.
func qualityTable(list List[analytics.QualityIssue], sel Selection, decided map[flagRef]analytics.Flag) Table {
	t := Table{
		Name:  "quality",
		Title: strconv.Itoa(sel.Year) + "年报告质量问题",
		Cut:   cutOf(list, "份", "报告"),
		Columns: []Column{
			{Key: "township", Label: "乡镇"},
			{Key: "county", Label: "县区"},
			{Key: "year", Label: "年份", Kind: KindInt},
			{Key: "rule", Label: "规则", Kind: KindInt},
			{Key: "rule_text", Label: "规则说明"},
			{Key: "cell", Label: "单元格"},
			{Key: "expected", Label: "按规则应为", Kind: KindNumber},
			{Key: "found", Label: "报告所填", Kind: KindNumber},
			{Key: "incomplete", Label: "缺失部分"},
			{Key: "source_file", Label: "原文与解析"},
			{Key: "status", Label: "审核状态"},
			{Key: "comment", Label: "审核意见"},
		},
	}
	for _, r := range list.Rows {
		name := link(r.Name, sel.TownLink(r.Township))
		missing := text(incompleteText(r.Incomplete))
		if len(r.Incomplete) > 0 {
			missing = missing.marked("warn")
		}
		if len(r.Checks) == 0 {
			st, comment := decisionCells(decided, r.ReportID, incompleteRefs(r.Incomplete)...)
			t.Rows = append(t.Rows, []Cell{name, text(r.County), integer(r.Year),
				{}, {}, {}, {}, {}, missing, evidence(r.ReportID, r.SourceFile), st, comment})
		}
		for _, c := range r.Checks {
			st, comment := decisionCells(decided, r.ReportID, c.Cell)
			t.Rows = append(t.Rows, []Cell{name, text(r.County), integer(r.Year),
				integer(c.Rule), text(schema.RuleTextZH(c.Rule)), cellName(c.Cell).marked("bad"),
				number(c.Expected), number(c.Found).marked("bad"), missing, evidence(r.ReportID, r.SourceFile), st, comment})
		}
	}
	return t
}

func incompleteText(parts []string) string {
	names := make([]string, len(parts))
	for i, p := range parts {
		names[i] = schema.PartNames[p]
		if names[i] == "" {
			names[i] = p
		}
	}
	return strings.Join(names, "、")
}

// qualityYear counts one year's reports with problems.
type qualityYear struct {
	Year, Reports, Arithmetic, Incomplete int
}

// qualityStats is, for every year, the reports breaking the arithmetic and
// the incomplete ones (a report can be both), as the Source counts them.
func qualityStats(counts []analytics.ListCount) []qualityYear {
	out := make([]qualityYear, len(counts))
	for i, c := range counts {
		out[i] = qualityYear{Year: c.Year, Reports: c.Reports, Arithmetic: c.BreaksArithmetic, Incomplete: c.Incomplete}
	}
	return out
}

// qualityByYearTable counts flagged and incomplete reports per year.
func qualityByYearTable(stats []qualityYear) Table {
	t := Table{
		Name:  "quality-by-year",
		Title: "历年报告质量",
		Columns: []Column{
			{Key: "year", Label: "年份", Kind: KindInt},
			{Key: "reports", Label: "报告数", Kind: KindInt},
			{Key: "breaks_arithmetic", Label: "算术不符", Kind: KindInt},
			{Key: "incomplete", Label: "内容不完整", Kind: KindInt},
		},
	}
	for _, y := range stats {
		t.Rows = append(t.Rows, []Cell{integer(y.Year), integer(y.Reports), integer(y.Arithmetic), integer(y.Incomplete)})
	}
	return t
}

// qualityByYearChart draws flagged and incomplete reports per year.
func qualityByYearChart(stats []qualityYear) *charts.Bar {
	years := make([]int, len(stats))
	arith, incomplete := make([]int, len(stats)), make([]int, len(stats))
	for i, y := range stats {
		years[i], arith[i], incomplete[i] = y.Year, y.Arithmetic, y.Incomplete
	}
	b := yearBar(years, "份")
	b.AddSeries("算术不符", barValues(counts(arith)), charts.WithItemStyleOpts(opts.ItemStyle{Color: colorBad}))
	b.AddSeries("内容不完整", barValues(counts(incomplete)), charts.WithItemStyleOpts(opts.ItemStyle{Color: colorWarn}))
	return b
}

// flagRef finds the review flag of a quality row: the report and the
// failing cell (arithmetic, plausible) or the missing part (incomplete).
type flagRef struct {
	report int64
	cell   string
}

// decisionsOf indexes the flags of the quality page's kinds.
func decisionsOf(flags List[analytics.Flag]) map[flagRef]analytics.Flag {
	out := map[flagRef]analytics.Flag{}
	for _, f := range flags.Rows {
		switch f.Kind {
		case "arithmetic", "plausible":
			out[flagRef{f.ReportID, f.Cells}] = f
		case "incomplete":
			out[flagRef{f.ReportID, "part:" + f.Rule}] = f
		}
	}
	return out
}

func incompleteRefs(parts []string) []string {
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = "part:" + p
	}
	return out
}

// decisionCells say the review decisions on a quality row's flags: one
// status when they agree, else each.
func decisionCells(decided map[flagRef]analytics.Flag, report int64, refs ...string) (Cell, Cell) {
	var states, comments []string
	for _, ref := range refs {
		f, ok := decided[flagRef{report, ref}]
		if !ok {
			continue
		}
		if label := analytics.FlagStatusLabels[f.Status]; !slices.Contains(states, label) {
			states = append(states, label)
		}
		if f.Comment != "" && !slices.Contains(comments, f.Comment) {
			comments = append(comments, f.Comment)
		}
	}
	return text(strings.Join(states, "、")), text(strings.Join(comments, "；"))
}
