package analytics

import (
	"fmt"
	"strings"
)

// Metric names a headline metric that townships are ranked on. The names are
// values of the rankings view's metric column, bound as parameters.
type Metric string

// The headline metrics.
const (
	MetricProactiveItems Metric = "proactive_items"
	MetricRequestsNew    Metric = "requests_new"
	MetricGrantRate      Metric = "grant_rate"
	MetricDecisions      Metric = "decisions"
	MetricActivityIndex  Metric = "activity_index"
)

// MetricKind says how a metric's values are written.
type MetricKind string

// Metric kinds.
const (
	KindCount MetricKind = "count" // a count of things: separators, integer axes
	KindRate  MetricKind = "rate"  // a fraction in [0, 1], shown as a percentage
	KindIndex MetricKind = "index" // a score 0–100, shown with one decimal
)

// MetricInfo describes a metric for people: the one catalog of metrics,
// read by the pages, the API, the downloads, the metric dictionary and the
// console. Definitions are the short 口径 a page prints under a chart;
// sql/README.md gives the full one under View.
type MetricInfo struct {
	Metric     Metric     `json:"metric"`
	Label      string     `json:"label"` // Chinese, for pages, filters, headings and files
	Unit       string     `json:"unit"`  // 条, 件, %, 分
	Kind       MetricKind `json:"kind"`
	Definition string     `json:"definition"` // Chinese, one line
	View       string     `json:"view"`       // the view and column it comes from
	// A rate's numerator and denominator, in Chinese ("" for the others).
	Numerator   string `json:"numerator,omitempty"`
	Denominator string `json:"denominator,omitempty"`
}

// Metrics lists the headline metrics in display order, the default first.
var Metrics = []MetricInfo{
	{Metric: MetricProactiveItems, Label: "主动公开信息数", Unit: "条", Kind: KindCount,
		Definition: "报告第一部分所述本年主动公开的政府信息条数。", View: "proactive.proactive_items"},
	{Metric: MetricDecisions, Label: "许可处罚强制决定数", Unit: "件", Kind: KindCount,
		Definition: "第二部分行政许可、行政处罚、行政强制三项本年处理决定数量之和。", View: "proactive.decisions"},
	{Metric: MetricRequestsNew, Label: "新收申请数", Unit: "件", Kind: KindCount,
		Definition: "第三部分“一、本年新收政府信息公开申请数量”的总计。", View: "requests.requests_new"},
	{Metric: MetricGrantRate, Label: "公开率", Unit: "%", Kind: KindRate,
		Definition: "（予以公开 + 部分公开）÷ 办理总数（第三部分（七）总计）。", View: "requests.grant_rate",
		Numerator: "予以公开与部分公开", Denominator: "办理总数"},
	{Metric: MetricActivityIndex, Label: "综合活跃指数", Unit: "分", Kind: KindIndex,
		Definition: "主动公开信息数、制发文件数、行政决定数、办理申请数在同年全部乡镇中的百分位，按权重（视图 activity_weights）加权平均后乘以 100，0–100 分。", View: "activity_index.activity_index"},
}

// MetricOf returns the catalog entry of a metric, and whether there is one.
func MetricOf(m Metric) (MetricInfo, bool) {
	for _, x := range Metrics {
		if x.Metric == m {
			return x, true
		}
	}
	return MetricInfo{}, false
}

// ParseMetric returns the metric named s, or an error listing the names.
func ParseMetric(s string) (Metric, error) {
	for _, m := range Metrics {
		if string(m.Metric) == s {
			return m.Metric, nil
		}
	}
	names := make([]string, len(Metrics))
	for i, m := range Metrics {
		names[i] = string(m.Metric)
	}
	return "", fmt.Errorf("analytics: unknown metric %q; use one of %s", s, strings.Join(names, ", "))
}
