package dashboard

import (
	"context"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// rankingsChartMax is the most bars the rankings page draws; the table
// below holds them all.
const rankingsChartMax = 40

// loadRankings: every township of the scope ranked by the metric.
func (s *Server) loadRankings(ctx context.Context, sel Selection, cat Catalog) (*pageView, error) {
	rows, err := s.src.Rankings(ctx, sel.Scope(), sel.Metric.Key, sel.Year)
	if err != nil {
		return nil, err
	}
	sec, err := rankingSection(rows, sel, rankingsChartMax)
	if err != nil {
		return nil, err
	}
	sec.Open = true
	return &pageView{Sections: []section{sec}}, nil
}

// rankingSection is the ranking table with a bar chart of its first limit
// rows (the Source ranks in order, so they are the best even when the list
// is cut). Within a county the county's own ranks order the rows.
func rankingSection(list List[RankRow], sel Selection, limit int) (section, error) {
	rows := list.Rows
	sec := newSection(rankingTable(list, sel), sel)
	shown := rows[:min(limit, len(rows))]
	if len(rows) > limit {
		sec.Limit = limit
	}
	sec.setNote(strconv.Itoa(sel.Year) + "年，" + sel.Label() + "，按" + sel.Metric.Label + "从高到低。")
	return sec.withChart(func() (chart, int) { return rankingChart(shown, sel.Metric), barHeight(len(shown)) })
}

// rankingTable lists a ranking with the rank change against the year
// before: ▲ up, ▼ down, "新" for a township not ranked then.
func rankingTable(list List[RankRow], sel Selection) Table {
	m := sel.Metric
	t := Table{
		Name:  "rankings",
		Title: strconv.Itoa(sel.Year) + "年" + m.Label + "排名",
		Cut:   cutOf(list, "个", "乡镇"),
		Columns: []Column{
			{Key: "rank", Label: "总排名", Kind: KindInt},
			{Key: "township", Label: "乡镇"},
			{Key: "county", Label: "县区"},
			{Key: "value", Label: m.Label + unitSuffix(m), Kind: kindOf(m)},
			{Key: "prev_rank", Label: "上年总排名", Kind: KindInt},
			{Key: "rank_change", Label: "名次变化"},
			{Key: "county_rank", Label: "县区内排名", Kind: KindInt},
			{Key: "prev_county_rank", Label: "上年县区内排名", Kind: KindInt},
			{Key: "county_rank_change", Label: "县区内名次变化"},
		},
	}
	for _, r := range list.Rows {
		v := r.Value
		t.Rows = append(t.Rows, []Cell{
			optInt(r.Rank), link(r.Town.Name, sel.TownLink(r.Town)), text(r.Town.County),
			metricCell(m, &v), optInt(r.PrevRank), rankChange(r.Rank, r.PrevRank),
			optInt(r.CountyRank), optInt(r.PrevCountyRank), rankChange(r.CountyRank, r.PrevCountyRank),
		})
	}
	return t
}

// rankChange shows how many places a township moved: "▲3", "▼2", "—" for
// none, "新" for one not ranked the year before.
func rankChange(rank, prev int) Cell {
	switch {
	case rank == 0:
		return Cell{Text: ""}
	case prev == 0:
		return Cell{Value: "new", Text: "新"}
	case prev > rank:
		return Cell{Value: prev - rank, Text: "▲" + strconv.Itoa(prev-rank), Class: "up"}
	case prev < rank:
		return Cell{Value: prev - rank, Text: "▼" + strconv.Itoa(rank-prev), Class: "down"}
	default:
		return Cell{Value: 0, Text: "—"}
	}
}

// optInt is a rank, or empty for 0 (not ranked).
func optInt(n int) Cell {
	if n == 0 {
		return Cell{Text: ""}
	}
	return integer(n)
}

func unitSuffix(m Metric) string {
	if m.Unit == "" || m.Percent {
		return ""
	}
	return "（" + m.Unit + "）"
}

func kindOf(m Metric) Kind {
	if m.Percent {
		return KindPercent
	}
	return KindNumber
}

// rankingChart draws a ranking as horizontal bars, first at the top.
func rankingChart(rows []RankRow, m Metric) *charts.Bar {
	b := horizontalBar(townNames(rows, func(r RankRow) Town { return r.Town }), false, m.Unit, m.Percent)
	data := make([]opts.BarData, len(rows))
	for i, r := range rows {
		v := r.Value
		data[i] = barValue(chartValue(m, &v))
	}
	b.AddSeries(m.Label, data, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right"}))
	return b
}
