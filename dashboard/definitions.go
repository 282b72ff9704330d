package dashboard

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"xxgk/analytics"
)

// routeDefinitions is the page of every definition a page prints in one
// line (口径): the metric catalog, zero activity and the thresholds.
const routeDefinitions = "/definitions"

// definition is one entry of the definitions page, with its anchor.
type definition struct {
	Anchor, Label, Unit, Text, Source string
}

// metricAnchor is the anchor of a metric's full definition.
func metricAnchor(m analytics.Metric) string { return "m-" + string(m) }

// defLink is the link of a definition anchor.
func defLink(anchor string) string { return routeDefinitions + "#" + anchor }

// flagKindsAnchor is the anchor of the definitions of the flag kinds.
const flagKindsAnchor = "flag-kinds"

// zeroAnchor is the anchor of the definition of zero activity.
const zeroAnchor = "m-" + string(analytics.FigureZeroActivity)

// definitions lists the catalog (the ranked metrics, then the other
// figures, zero activity among them) and the rate minimum, all from their
// one source.
func definitions(minDenominator int) []definition {
	var out []definition
	for _, m := range analytics.Catalog() {
		text := m.Definition
		if m.Kind == analytics.KindRate {
			text += "分子：" + m.Numerator + "；分母：" + m.Denominator + "。"
		}
		// Only a ranked rate has the small-sample rule (the rankings view).
		if _, ranked := analytics.MetricOf(m.Metric); ranked && m.Kind == analytics.KindRate {
			text += "分母少于 " + strconv.Itoa(minDenominator) + " 时样本不足，不显示比率、不参加排名，另列。"
		}
		out = append(out, definition{Anchor: metricAnchor(m.Metric), Label: m.Label, Unit: m.Unit, Text: text, Source: m.View})
	}
	for _, m := range analytics.ScorecardMeasures {
		out = append(out, definition{Anchor: metricAnchor(m.Metric), Label: m.Label, Unit: m.Unit,
			Text: m.Definition + "分子：" + m.Numerator + "；分母：" + m.Denominator + "。", Source: m.View})
	}
	for i, k := range analytics.FlagKindCatalog {
		d := definition{Anchor: "flag-" + k.Kind, Label: "问题类型：" + k.Label, Text: k.Definition, Source: k.View}
		if i == 0 {
			d.Anchor = flagKindsAnchor // the first kind's anchor heads the list
		}
		out = append(out, d)
	}
	return append(out,
		definition{Anchor: "min-rate-denominator", Label: "比率的最小样本", Unit: "件",
			Text:   "办理总数达到 " + strconv.Itoa(minDenominator) + " 件，公开率才显示为百分比并参加排名。",
			Source: "thresholds.min_rate_denominator"})
}

// handleDefinitions serves the definitions page.
func (s *Server) handleDefinitions(c *gin.Context) error {
	cat, err := s.src.Catalog(c.Request.Context())
	if err != nil {
		return err
	}
	view := &pageView{
		Nav: "definitions", Title: "指标口径",
		Lead:     "各页面图表和卡片所用指标的完整定义（口径）及其数据来源（视图.列）。",
		Body:     definitions(cat.MinRateDenominator),
		LoadedAt: cat.LoadedAt,
	}
	return s.render(c, http.StatusOK, "definitions", view)
}
