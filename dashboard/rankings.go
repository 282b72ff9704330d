package dashboard

import (
	"context"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"xxgk/analytics"
)

// chartAllMax is the most bars a ranking chart draws; a longer ranking is
// drawn as its first and last chartEnds rows together, so the worst are as
// visible as the best. The table below holds every row.
const (
	chartAllMax = 80
	chartEnds   = 10
)

// loadRankings: every township of the scope ranked by the metric, and,
// for a rate, the townships whose denominator is too small to rank, apart.
func (s *Server) loadRankings(ctx context.Context, sel Selection, cat Catalog) (*pageView, error) {
	list, err := s.src.Rankings(ctx, sel.Scope(), sel.Metric.Key, sel.Year)
	if err != nil {
		return nil, err
	}
	ranked, small := splitSmall(list)
	sec, err := rankingSection(ranked, sel, chartAllMax)
	if err != nil {
		return nil, err
	}
	sec.Open = true
	smallSec := newSection(smallSampleTable(small, sel, cat.MinRateDenominator), sel)
	smallSec.Open = true
	smallSec.Empty = "没有样本不足的乡镇。"
	if sel.Metric.Percent {
		smallSec.Note = "办理总数少于 " + strconv.Itoa(cat.MinRateDenominator) + " 件时，比例受偶然因素影响太大，不参加排名，单列于此。"
		sec.Note = sec.Note + smallSec.Note
	} else {
		// Only a rate has a sample to be too small: nothing to show.
		smallSec.Hidden = true
	}
	return &pageView{Sections: []section{sec, smallSec}}, nil
}

// splitSmall separates the ranked rows from the rates on too small a
// sample (which the Source lists last, without ranks).
func splitSmall(l List[analytics.Ranking]) (ranked List[analytics.Ranking], small []analytics.Ranking) {
	ranked.Total = l.Total
	for _, r := range l.Rows {
		if r.SmallSample {
			small = append(small, r)
			ranked.Total--
		} else {
			ranked.Rows = append(ranked.Rows, r)
		}
	}
	return ranked, small
}

// rankingSection is the ranking table with a bar chart: every row up to
// limit rows, beyond it the first and last chartEnds (the Source ranks in
// order, so they are the best and the worst of the rows it returned).
// Within a county the county's own ranks order the rows.
func rankingSection(list List[analytics.Ranking], sel Selection, limit int) (section, error) {
	rows := list.Rows
	sec := newSection(rankingTable(list, sel), sel)
	shown, cut := ends(rows, limit, chartEnds)
	if cut {
		sec.Ends = chartEnds
	}
	sec.setNote(strconv.Itoa(sel.Year) + "年，" + sel.Label() + "，按" + sel.Metric.Label + "从高到低，共 " +
		strconv.Itoa(len(rows)) + " 个乡镇参加排名。" + sel.Metric.Definition())
	sec.DefHref = sel.Metric.DefHref()
	return sec.withChart(func() (chart, int) { return rankingChart(shown, sel.Metric), barHeight(len(shown)) })
}

// ends returns every row when there are at most limit, else the first n
// and the last n with a gap (a zero RankRow) between them.
func ends(rows []analytics.Ranking, limit, n int) ([]analytics.Ranking, bool) {
	if len(rows) <= limit {
		return rows, false
	}
	out := append([]analytics.Ranking{}, rows[:n]...)
	out = append(out, analytics.Ranking{})
	return append(out, rows[len(rows)-n:]...), true
}

// rankingTable lists a ranking with the rank change against the year
// before (from the Source): ▲ up, ▼ down, 新进 for a township not ranked
// then. A rate shows its numerator and denominator beside it.
func rankingTable(list List[analytics.Ranking], sel Selection) Table {
	m := sel.Metric
	t := Table{
		Name:  "rankings",
		Title: strconv.Itoa(sel.Year) + "年" + m.Label + "排名",
		Cut:   cutOf(list, "个", "乡镇"),
		Columns: []Column{
			{Key: "rank", Label: "总排名", Kind: KindInt},
			{Key: "township", Label: "乡镇"},
			{Key: "county", Label: "县区"},
			{Key: "value", Label: m.Label + m.UnitSuffix(), Kind: kindOf(m)},
		},
	}
	if m.Percent {
		t.Columns = append(t.Columns,
			Column{Key: "numerator", Label: m.Numerator + "（件）", Kind: KindNumber},
			Column{Key: "denominator", Label: m.Denominator + "（件）", Kind: KindNumber})
	}
	t.Columns = append(t.Columns,
		Column{Key: "prev_rank", Label: "上年总排名", Kind: KindInt},
		Column{Key: "rank_change", Label: "名次变化", Kind: KindInt},
		Column{Key: "county_rank", Label: "县区内排名", Kind: KindInt},
		Column{Key: "prev_county_rank", Label: "上年县区内排名", Kind: KindInt},
		Column{Key: "county_rank_change", Label: "县区内名次变化", Kind: KindInt},
	)
	for _, r := range list.Rows {
		v := r.Value
		row := []Cell{optRank(r.Rank), link(r.Name, sel.TownLink(r.Township)), text(r.County), metricCell(m, &v)}
		if m.Percent {
			row = append(row, optNumber(r.Numerator), optNumber(r.Denominator))
		}
		row = append(row, optRank(r.PrevRank), rankChange(r.Rank, r.RankChange),
			optRank(r.CountyRank), optRank(r.PrevCountyRank), rankChange(r.CountyRank, r.CountyRankChange))
		t.Rows = append(t.Rows, row)
	}
	return t
}

// smallSampleTable lists the townships whose rate rests on fewer than min
// cases: listed, not ranked.
func smallSampleTable(rows []analytics.Ranking, sel Selection, min int) Table {
	m := sel.Metric
	t := Table{
		Name:  "rankings-small-sample",
		Title: strconv.Itoa(sel.Year) + "年" + m.Label + "样本不足的乡镇",
		Columns: []Column{
			{Key: "township", Label: "乡镇"},
			{Key: "county", Label: "县区"},
			{Key: "numerator", Label: m.Numerator + "（件）", Kind: KindNumber},
			{Key: "denominator", Label: m.Denominator + "（件）", Kind: KindNumber},
			{Key: "value", Label: m.Label},
		},
	}
	for _, r := range rows {
		t.Rows = append(t.Rows, []Cell{
			link(r.Name, sel.TownLink(r.Township)), text(r.County),
			optNumber(r.Numerator), optNumber(r.Denominator), smallSample(r.Denominator, min),
		})
	}
	return t
}

// smallSample is the cell of a rate not shown: 样本不足 with the count.
func smallSample(den *float64, min int) Cell {
	n := "0"
	if den != nil {
		n = formatNumber(*den)
	}
	s := "样本不足（" + n + " 件，少于 " + strconv.Itoa(min) + " 件）"
	return Cell{Value: s, Text: s}
}

// rankChange shows how many places a township moved, as the Source
// computed it: "▲3", "▼2", "—" for none, "新进" for one not ranked the year
// before. The value is the number of places (up positive), so the column
// sorts as numbers; 新进 sorts last.
func rankChange(rank, change *int) Cell {
	switch {
	case rank == nil:
		return Cell{Text: ""}
	case change == nil:
		return Cell{Value: "新进", Text: "新进"}
	case *change > 0:
		return Cell{Value: *change, Text: "▲" + strconv.Itoa(*change), Class: "up"}
	case *change < 0:
		return Cell{Value: *change, Text: "▼" + strconv.Itoa(-*change), Class: "down"}
	default:
		return Cell{Value: 0, Text: "—"}
	}
}

// optRank is a rank, or empty when not ranked.
func optRank(n *int) Cell {
	if n == nil {
		return Cell{Text: ""}
	}
	return integer(*n)
}

// optInt is a year or count, or empty for 0 (none).
func optInt(n int) Cell {
	if n == 0 {
		return Cell{Text: ""}
	}
	return integer(n)
}

func kindOf(m Metric) Kind {
	if m.Percent {
		return KindPercent
	}
	return KindNumber
}

// rankingChart draws a ranking as horizontal bars, first at the top; a
// zero RankRow is the gap between the best and the worst. A rate's bars are
// labelled with their numerator and denominator.
func rankingChart(rows []analytics.Ranking, m Metric) *charts.Bar {
	names := townNames(rows, func(r analytics.Ranking) analytics.Township { return r.Township })
	data := make([]opts.BarData, len(rows))
	for i, r := range rows {
		if r.Name == "" {
			names[i], data[i] = "⋯", opts.BarData{Value: "-"}
			continue
		}
		if r.Rank != nil {
			names[i] = strconv.Itoa(*r.Rank) + ". " + names[i]
		}
		if m.Percent && r.Numerator != nil && r.Denominator != nil {
			names[i] += "（" + formatNumber(*r.Numerator) + "/" + formatNumber(*r.Denominator) + "）"
		}
		v := r.Value
		data[i] = barValue(chartValue(m, &v))
	}
	b := horizontalBar(names, false, m.AxisName(), m.Percent)
	label := opts.Label{Show: opts.Bool(true), Position: "right"}
	if m.Percent {
		label.Formatter = "{c}%"
	}
	b.AddSeries(m.Label, data, charts.WithLabelOpts(label))
	b.SetSeriesOptions(thinBars())
	return b
}
