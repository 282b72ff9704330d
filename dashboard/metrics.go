package dashboard

import (
	"math"
	"strconv"

	"xxgk/analytics"
)

// Metric is one figure townships are ranked by: an entry of the one metric
// catalog (analytics.Metrics: label, unit, kind, definition), with the
// key the URL and the Source use.
type Metric struct {
	analytics.MetricInfo
	Key string
	// Percent says the value is a ratio in [0, 1], shown as a percentage.
	Percent bool
}

// Metrics lists the rankable metrics, the default first: the catalog's.
var Metrics = func() []Metric {
	out := make([]Metric, len(analytics.Metrics))
	for i, m := range analytics.Metrics {
		out[i] = Metric{MetricInfo: m, Key: string(m.Metric), Percent: m.Kind == analytics.KindRate}
	}
	return out
}()

// metricByKey returns the metric with the key, and whether there is one.
func metricByKey(key string) (Metric, bool) {
	for _, m := range Metrics {
		if m.Key == key {
			return m, true
		}
	}
	return Metric{}, false
}

// UnitSuffix is the unit as a heading writes it: "（件）"; "" for a rate
// (its values carry %) .
func (m Metric) UnitSuffix() string {
	if m.Unit == "" || m.Percent {
		return ""
	}
	return "（" + m.Unit + "）"
}

// AxisName is the name of a chart's value axis: the label with its unit.
func (m Metric) AxisName() string { return m.Label + "（" + m.Unit + "）" }

// Definition is the 口径 a page prints under a chart of the metric.
func (m Metric) Definition() string {
	if m.MetricInfo.Definition == "" {
		return ""
	}
	return "口径：" + m.MetricInfo.Definition
}

// DefHref links the metric's full definition on the definitions page.
func (m Metric) DefHref() string { return defLink(metricAnchor(m.MetricInfo.Metric)) }

// round writes an index with one decimal, as the pages show it.
func (m Metric) round(v float64) float64 {
	if m.Kind == analytics.KindIndex {
		return math.Round(v*10) / 10
	}
	return v
}

// format writes a value of the metric: a rate as a percentage, an index
// with one decimal, a count with separators.
func (m Metric) format(v float64) string {
	switch m.Kind {
	case analytics.KindRate:
		return formatPercent(v)
	case analytics.KindIndex:
		return strconv.FormatFloat(m.round(v), 'f', 1, 64)
	}
	return formatNumber(v)
}
