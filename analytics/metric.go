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

// MetricInfo describes a metric for people.
type MetricInfo struct {
	Metric Metric `json:"metric"`
	Label  string `json:"label"` // Chinese, for pages
	Unit   string `json:"unit"`
	Doc    string `json:"doc"`
}

// Metrics lists the headline metrics in display order.
var Metrics = []MetricInfo{
	{MetricActivityIndex, "综合活跃指数", "0–100", "composite activity index: weighted percentiles of proactive items, documents, decisions and requests handled (view activity_weights)"},
	{MetricProactiveItems, "主动公开信息条数", "条", "items published proactively in the year, as stated in part 一"},
	{MetricRequestsNew, "新收申请数", "件", "requests for information received in the year (part 三 一、本年新收 总计)"},
	{MetricGrantRate, "公开率", "比例 0–1", "(予以公开 + 部分公开) / 办理总数; not ranked when no request was processed"},
	{MetricDecisions, "行政决定数", "件", "licensing, penalty and coercion decisions published in part 二"},
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
