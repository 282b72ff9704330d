package dashboard

import (
	"context"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// ruleNames say in words what each arithmetic rule of FORMAT.md demands.
var ruleNames = map[int]string{
	1: "规则1：新收＋上年结转＝办结＋结转下年",
	2: "规则2：办结＝各处理结果之和",
	3: "规则3：总计＝各类申请人之和",
	4: "规则4：复议诉讼总计＝维持＋纠正＋其他＋未审结",
	5: "合理性：数量应为0至1亿的整数（仅“增减”可为负）",
}

// partNames name the parts a report can lack.
var partNames = map[string]string{"s2": "第二部分（主动公开）", "s3": "第三部分（依申请公开）", "s4": "第四部分（复议诉讼）"}

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
	stats := qualityStats(counts)
	cells := newSection(qualityTable(list, sel), sel)
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
func qualityTable(list List[QualityRow], sel Selection) Table {
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
			{Key: "source_file", Label: "来源文件"},
		},
	}
	for _, r := range list.Rows {
		name := link(r.Town.Name, sel.TownLink(r.Town))
		missing := text(incompleteText(r.Incomplete))
		if len(r.Incomplete) > 0 {
			missing = missing.marked("warn")
		}
		if len(r.Checks) == 0 {
			t.Rows = append(t.Rows, []Cell{name, text(r.Town.County), integer(r.Year),
				{}, {}, {}, {}, {}, missing, filePath(r.SourceFile)})
		}
		for _, c := range r.Checks {
			t.Rows = append(t.Rows, []Cell{name, text(r.Town.County), integer(r.Year),
				integer(c.Rule), text(ruleNames[c.Rule]), text(c.Cell).marked("bad"),
				number(c.Expected), number(c.Found).marked("bad"), missing, filePath(r.SourceFile)})
		}
	}
	return t
}

func incompleteText(parts []string) string {
	names := make([]string, len(parts))
	for i, p := range parts {
		names[i] = partNames[p]
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
func qualityStats(counts []YearCounts) []qualityYear {
	out := make([]qualityYear, len(counts))
	for i, c := range counts {
		out[i] = qualityYear{Year: c.Year, Reports: c.Reports, Arithmetic: c.Arithmetic, Incomplete: c.Incomplete}
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
