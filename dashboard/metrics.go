package dashboard

// Metric is one figure townships are ranked by. Keys are those of the
// rankings the Source computes (sql/README.md documents each formula).
type Metric struct {
	Key   string
	Label string // Chinese, for filters, axes and table headings
	Unit  string // 条, 件, %, 分
	// Percent says the value is a ratio in [0, 1], shown as a percentage.
	Percent bool
}

// Metrics lists the rankable metrics, the default first.
var Metrics = []Metric{
	{Key: "proactive_items", Label: "主动公开信息数", Unit: "条"},
	{Key: "decisions", Label: "许可处罚强制决定数", Unit: "件"},
	{Key: "requests_new", Label: "新收申请数", Unit: "件"},
	{Key: "grant_rate", Label: "公开率", Unit: "%", Percent: true},
	{Key: "activity_index", Label: "综合活跃指数", Unit: "分"},
}

// metricByKey returns the metric with the key, and whether there is one.
func metricByKey(key string) (Metric, bool) {
	for _, m := range Metrics {
		if m.Key == key {
			return m, true
		}
	}
	return Metric{}, false
}
