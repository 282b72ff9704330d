package dashboard

import (
	"context"
	"strconv"

	"xxgk/analytics"
)

// scorecardSection is the county scorecard of the selection's year, for
// leadership: of the bodies each county expects to report, the share with
// a report, on time, consistent and original (view county_scorecard; the
// labels and definitions are the catalog's ScorecardMeasures). A county
// selection shows its own row; otherwise every county of the province or
// city.
func (s *Server) scorecardSection(ctx context.Context, sel Selection, name string) (section, error) {
	rows, err := s.src.Scorecards(ctx, Scope{Province: sel.Province, City: sel.City}, sel.Year)
	if err != nil {
		return section{}, err
	}
	var this []analytics.Scorecard
	for _, r := range rows {
		if r.Year == sel.Year && (sel.County == "" || r.County == sel.County) {
			this = append(this, r)
		}
	}
	sec := newSection(scorecardTable(this, sel, name), sel)
	sec.Open = true
	sec.Empty = strconv.Itoa(sel.Year) + "年所选范围内没有应报单位。"
	sec.setNote("分母都是应报单位（已报送＋缺报）。按时：注明发布日期且未逾期；一致：没有未排除的算术或跨年问题；" +
		"原创：没有未排除的正文雷同问题。督查人员在审核队列中排除的问题不计入。")
	sec.DefHref = defLink(metricAnchor(analytics.MeasureReported))
	return sec, nil
}

// scorecardTable is one row per county: each share with its count.
func scorecardTable(rows []analytics.Scorecard, sel Selection, name string) Table {
	label := func(m analytics.Metric) string { return analytics.ScorecardMeasure(m).Label }
	t := Table{
		Name:  name,
		Title: strconv.Itoa(sel.Year) + "年县区督查记分卡",
		Columns: []Column{
			{Key: "county", Label: "县区"},
			{Key: "bodies", Label: "应报单位（个）", Kind: KindInt},
			{Key: "reported", Label: "已报送（个）", Kind: KindInt},
			{Key: string(analytics.MeasureReported), Label: label(analytics.MeasureReported), Kind: KindPercent},
			{Key: "on_time", Label: "按时发布（个）", Kind: KindInt},
			{Key: string(analytics.MeasureOnTime), Label: label(analytics.MeasureOnTime), Kind: KindPercent},
			{Key: "date_unknown", Label: "发布日期不详（个）", Kind: KindInt},
			{Key: "consistent", Label: "数据一致（个）", Kind: KindInt},
			{Key: string(analytics.MeasureConsistent), Label: label(analytics.MeasureConsistent), Kind: KindPercent},
			{Key: "original", Label: "内容原创（个）", Kind: KindInt},
			{Key: string(analytics.MeasureOriginal), Label: label(analytics.MeasureOriginal), Kind: KindPercent},
		},
	}
	for _, r := range rows {
		link := Selection{Province: r.Province, City: r.City, County: r.County, Year: sel.Year, Metric: Metrics[0]}.Link("/")
		original := Cell{Text: "—"}
		if r.Original != nil {
			original = integer(*r.Original)
		}
		t.Rows = append(t.Rows, []Cell{
			{Value: r.County, Text: r.County, Href: link}, integer(r.Bodies), integer(r.Reported),
			shareCell(&r.ReportedShare), integer(r.OnTime), shareCell(&r.OnTimeShare), integer(r.DateUnknown),
			integer(r.Consistent), shareCell(&r.ConsistentShare), original, shareCell(r.OriginalShare),
		})
	}
	return t
}

// shareCell is a share of the expected bodies, marked below 100%.
func shareCell(v *float64) Cell {
	c := percent(v)
	if v != nil && *v < 1 {
		c = c.marked("warn")
	}
	return c
}
