package dashboard

import (
	"context"
	"strconv"
	"strings"

	"xxgk/analytics"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// zeroDefinition is the 口径 of zero activity: the catalog's.
var zeroDefinition = func() string {
	m, _ := analytics.InfoOf(analytics.FigureZeroActivity)
	return m.Definition
}()

// severeStreak is the streak of empty years that a supervisor must act on.
const severeStreak = 3

// zeroChartMax is the most townships the zero-activity chart draws: the
// longest streaks, since the list comes longest first.
const zeroChartMax = 40

// loadProblems: the supervisors' page. Townships with nothing this year,
// longest streak first; reports never filed; both counted by year. The
// counts above the lists come from the Source's counts, not from the lists,
// which may be cut.
func (s *Server) loadProblems(ctx context.Context, sel Selection, cat Catalog) (*pageView, error) {
	zero, err := s.src.ZeroActivity(ctx, sel.Scope(), sel.Year)
	if err != nil {
		return nil, err
	}
	streaks, err := s.src.ZeroStreaks(ctx, sel.Scope(), sel.Year)
	if err != nil {
		return nil, err
	}
	missing, err := s.src.Missing(ctx, sel.Scope(), sel.Year)
	if err != nil {
		return nil, err
	}
	counts, err := s.src.Counts(ctx, sel.Scope())
	if err != nil {
		return nil, err
	}
	sums, err := s.src.Summary(ctx, sel.Scope())
	if err != nil {
		return nil, err
	}
	unplaced, err := s.src.Unplaced(ctx)
	if err != nil {
		return nil, err
	}
	drawn := zero.Rows[:min(len(zero.Rows), zeroChartMax)]
	zeroSec, err := newSection(zeroTable(zero, sel), sel).withChart(func() (chart, int) {
		return zeroChart(drawn), barHeight(len(drawn))
	})
	if err != nil {
		return nil, err
	}
	if len(zero.Rows) > zeroChartMax {
		zeroSec.Limit = zeroChartMax
	}
	zeroSec.Open = true
	zeroSec.setNote("口径：" + zeroDefinition)
	zeroSec.DefHref = defLink(zeroAnchor)
	zeroSec.Empty = strconv.Itoa(sel.Year) + "年所选范围内没有零活动的乡镇。"
	missSec := newSection(missingTable(missing, sel), sel)
	missSec.Open = true
	missSec.Empty = strconv.Itoa(sel.Year) + "年所选范围内没有缺报的年度报告。"
	missSec.setNote("历年缺报数见下方“历年零活动与缺报”，各乡镇缺报的年份见乡镇页。")
	byYear, err := newSection(problemsByYearTable(sums), sel).withChart(func() (chart, int) {
		return problemsByYearChart(sums), 280
	})
	if err != nil {
		return nil, err
	}
	unplacedSec := newSection(unplacedTable(unplaced), sel)
	unplacedSec.Open = true
	unplacedSec.Empty = "所有报告单位都已在 regions.csv 中归属到乡镇和县区。"
	unplacedSec.setNote(unplacedHelp)
	body := problemsBody{Year: sel.Year, Unplaced: unplaced.Total}
	for _, c := range streaks {
		body.Zero += c.Townships
		if c.Streak >= severeStreak {
			body.Severe += c.Townships
		}
	}
	for _, c := range counts {
		if c.Year == sel.Year {
			body.MissingThisYear = c.Missing
		}
		body.MissingAll += c.Missing
	}
	return &pageView{Sections: []section{zeroSec, missSec, byYear, unplacedSec}, Body: body}, nil
}

// problemsBody is the alert strip above the sections.
type problemsBody struct {
	Year                        int
	Zero, Severe                int
	MissingThisYear, MissingAll int
	Unplaced                    int // bodies in no county, listed apart
}

// SevereYears is the streak counted as severe, for the template.
func (problemsBody) SevereYears() int { return severeStreak }

// zeroTable lists the townships with nothing in the year. Every row is a
// problem; a streak of severeStreak years or more is marked severe.
func zeroTable(list List[analytics.ZeroActivity], sel Selection) Table {
	t := Table{
		Name:  "zero-activity",
		Title: strconv.Itoa(sel.Year) + "年零活动乡镇",
		Cut:   cutOf(list, "个", "乡镇"),
		Columns: []Column{
			{Key: "township", Label: "乡镇"},
			{Key: "county", Label: "县区"},
			{Key: "year", Label: "年份", Kind: KindInt},
			{Key: "streak", Label: "连续零活动年数", Kind: KindInt},
			{Key: "since", Label: "自哪年起", Kind: KindInt},
			{Key: "severity", Label: "程度"},
		},
	}
	for _, r := range list.Rows {
		class, word := "warn", "需关注"
		if r.Streak >= severeStreak {
			class, word = "bad", "严重"
		}
		t.Rows = append(t.Rows, []Cell{
			link(r.Name, sel.TownLink(r.Township)).marked(class), text(r.County), yearOfReport(r.Year, r.ReportID),
			integer(r.Streak).marked(class), integer(r.Year - r.Streak + 1), text(word).marked(class),
		})
	}
	return t
}

// yearOfReport is a year linking to the report of that year.
func yearOfReport(year int, id int64) Cell {
	c := integer(year)
	c.Href = reportLink(id)
	return c
}

// missingTable lists the townships without a report in the selected year,
// with the last year they did report.
func missingTable(list List[analytics.MissingReport], sel Selection) Table {
	t := Table{
		Name:  "missing",
		Title: strconv.Itoa(sel.Year) + "年缺报的年度报告",
		Cut:   cutOf(list, "份", "缺报"),
		Columns: []Column{
			{Key: "township", Label: "乡镇"},
			{Key: "county", Label: "县区"},
			{Key: "year", Label: "缺报年份", Kind: KindInt},
		},
	}
	for _, r := range list.Rows {
		t.Rows = append(t.Rows, []Cell{
			link(r.Name, sel.TownLink(r.Township)).marked("bad"), text(r.County), integer(r.Year).marked("bad"),
		})
	}
	return t
}

// problemsByYearTable counts the problems of each year.
func problemsByYearTable(sums []analytics.Rollup) Table {
	t := Table{
		Name:  "problems-by-year",
		Title: "历年零活动与缺报",
		Columns: []Column{
			{Key: "year", Label: "年份", Kind: KindInt},
			{Key: "townships", Label: "乡镇数", Kind: KindInt},
			{Key: "zero_activity", Label: "零活动乡镇", Kind: KindInt},
			{Key: "missing", Label: "缺报", Kind: KindInt},
		},
	}
	for _, y := range sums {
		t.Rows = append(t.Rows, []Cell{integer(y.Year), integer(y.Townships), integer(y.ZeroActivity), integer(y.Missing)})
	}
	return t
}

// unplacedHelp says what an unplaced body is and how to place it.
const unplacedHelp = "这些单位的报告无法对应到 regions.csv 中的乡镇，不属于任何县区：不计入各县区和全部地区的统计，也不算缺报。" +
	"如需归属，在 regions.csv 中为其增加一行（org,township,county,city,province：报告中的单位名称、所属乡镇、县区、市、省），再重新导入即可。"

// unplacedTable lists the bodies no row of regions.csv places.
func unplacedTable(l analytics.List[analytics.TownshipInfo]) Table {
	t := Table{
		Name:  "unplaced",
		Title: "未归属单位",
		Cut:   cutOf(l, "个", "单位"),
		Columns: []Column{
			{Key: "township", Label: "名称"},
			{Key: "orgs", Label: "报告中的单位名称"},
			{Key: "reports", Label: "报告份数", Kind: KindInt},
			{Key: "first_year", Label: "首次报告年份", Kind: KindInt},
			{Key: "last_year", Label: "最近报告年份", Kind: KindInt},
		},
	}
	for _, u := range l.Rows {
		t.Rows = append(t.Rows, []Cell{
			link(u.Name, Selection{}.TownLink(u.Township)), text(strings.Join(u.Orgs, "、")),
			integer(u.Reports), optInt(u.FirstYear), optInt(u.LastYear),
		})
	}
	return t
}

// zeroChart draws each township's streak of empty years, in red.
func zeroChart(rows []analytics.ZeroActivity) *charts.Bar {
	b := horizontalBar(townNames(rows, func(r analytics.ZeroActivity) analytics.Township { return r.Township }), false, "年", false)
	data := make([]opts.BarData, len(rows))
	for i, r := range rows {
		color := colorWarn
		if r.Streak >= severeStreak {
			color = colorBad
		}
		data[i] = opts.BarData{Value: r.Streak, ItemStyle: &opts.ItemStyle{Color: color}}
	}
	b.AddSeries("连续零活动年数", data, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right"}))
	b.SetSeriesOptions(thinBars())
	return b
}

// problemsByYearChart draws zero activity and missing reports per year.
func problemsByYearChart(sums []analytics.Rollup) *charts.Bar {
	years := make([]int, len(sums))
	zero, missing := make([]int, len(sums)), make([]int, len(sums))
	for i, y := range sums {
		years[i], zero[i], missing[i] = y.Year, y.ZeroActivity, y.Missing
	}
	b := yearBar(years, "个")
	b.AddSeries("零活动乡镇", barValues(counts(zero)), charts.WithItemStyleOpts(opts.ItemStyle{Color: colorBad}))
	b.AddSeries("缺报", barValues(counts(missing)), charts.WithItemStyleOpts(opts.ItemStyle{Color: colorWarn}))
	return b
}

// Colours that mark problems, the same as the tables' (assets/app.css).
const (
	colorBad  = "#c0392b"
	colorWarn = "#e67e22"
)
