package analytics

import (
	"fmt"
	"slices"
	"strings"
)

// Metric names a headline metric that townships are ranked on (Metrics),
// or another figure of the catalog (Figures). The metrics' names are values
// of the rankings view's metric column, bound as parameters.
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

// Figures lists the other figures the pages state (the overview's cards,
// the roll-ups, the county comparison) with their 口径: not ranked, but
// in the same catalog, so that every card and chart says what it counts.
var Figures = []MetricInfo{
	{Metric: FigureReports, Label: "报告数", Unit: "份", Kind: KindCount,
		Definition: "所选范围和年份内现行的年度报告份数：同一乡镇同一年只计一份（重新导入的新文件替换旧的），未归属单位的报告不计入任何地区。",
		View:       "rollups.reports"},
	{Metric: FigureAppeals, Label: "复议诉讼", Unit: "件", Kind: KindCount,
		Definition: "第四部分行政复议总计与行政诉讼总计（未经复议直接起诉、复议后起诉两组）之和，按报告所填。",
		View:       "rollups.appeals_total"},
	{Metric: FigureCorrectionRate, Label: "纠错率", Unit: "%", Kind: KindRate,
		Definition: "复议和诉讼合计：结果纠正 ÷ 已审结（结果维持＋结果纠正＋其他结果），尚未审结的不计。",
		View:       "rollups.correction_rate", Numerator: "结果纠正", Denominator: "已审结"},
	{Metric: FigureZeroActivity, Label: "零活动乡镇", Unit: "个", Kind: KindCount,
		Definition: "报告所填的各项活动数字全为 0：本年新收和上年结转的申请均为 0，第二部分各项流量数字全为 0，" +
			"主动公开信息数为 0 或未填报；发布了任何信息的乡镇不算零活动。未填报第二、三部分的报告不列入（见数据质量）。",
		View: "zero_activity"},
	{Metric: FigureMissing, Label: "缺报", Unit: "份", Kind: KindCount,
		Definition: "应报未报的年度报告：已归属的乡镇从第一次报告的年份（regions.csv 中从未报告的乡镇从库中最早的年份）到库中最新年份，" +
			"某年没有报告即缺报一份。未归属单位不算缺报。",
		View: "missing_reports"},
	{Metric: FigureFlagged, Label: "质量问题报告", Unit: "份", Kind: KindCount,
		Definition: "不符合模板算术关系（如本年新收＋上年结转＝办理总计＋结转下年度）或数字不合理，或缺少第二、三、四部分的全部或一部分的报告份数。",
		View:       "quality"},
}

// The figures of Figures.
const (
	FigureReports        Metric = "reports"
	FigureAppeals        Metric = "appeals_total"
	FigureCorrectionRate Metric = "correction_rate"
	FigureZeroActivity   Metric = "zero_activity"
	FigureMissing        Metric = "missing"
	FigureFlagged        Metric = "flagged"
)

// Catalog lists every entry of the catalog: the ranked metrics, then the
// other figures.
func Catalog() []MetricInfo { return append(slices.Clip(Metrics), Figures...) }

// InfoOf returns the catalog entry of a metric or figure, and whether
// there is one.
func InfoOf(m Metric) (MetricInfo, bool) {
	for _, x := range Catalog() {
		if x.Metric == m {
			return x, true
		}
	}
	return MetricInfo{}, false
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

// The county scorecard's measures (view county_scorecard), for leadership.
const (
	MeasureReported   Metric = "reported_share"
	MeasureOnTime     Metric = "on_time_share"
	MeasureConsistent Metric = "consistent_share"
	MeasureOriginal   Metric = "original_share"
)

// ScorecardMeasures describes the county scorecard's shares, in display
// order: the catalog entries the overview, /counties, the downloads and
// the definitions page read. Every share is of the bodies expected to
// report (reports plus missing reports).
var ScorecardMeasures = []MetricInfo{
	{Metric: MeasureReported, Label: "报送率", Unit: "%", Kind: KindRate,
		Definition: "已报送年度报告的单位占应报单位（已报送＋缺报）的比例。", View: "county_scorecard.reported_share",
		Numerator: "已报送单位数", Denominator: "应报单位数"},
	{Metric: MeasureOnTime, Label: "按时发布率", Unit: "%", Kind: KindRate,
		Definition: "报告注明发布日期且未逾期（截止日期按单位类别：县直部门次年1月31日，县级人民政府和乡镇次年3月31日，《条例》第四十九条；经督查排除的逾期问题不计）的单位占应报单位的比例；发布日期不详的不计为按时。",
		View:       "county_scorecard.on_time_share", Numerator: "按时发布单位数", Denominator: "应报单位数"},
	{Metric: MeasureConsistent, Label: "数据一致率", Unit: "%", Kind: KindRate,
		Definition: "报告没有未排除的算术不符、跨年结转不符、存量不符或跨年突变问题的单位占应报单位的比例（待审核和已确认的问题都计入）。",
		View:       "county_scorecard.consistent_share", Numerator: "数据一致单位数", Denominator: "应报单位数"},
	{Metric: MeasureOriginal, Label: "内容原创率", Unit: "%", Kind: KindRate,
		Definition: "报告没有未排除的“正文雷同”问题（正文过半与本单位上年或同县同年其他单位报告相同）的单位占应报单位的比例。",
		View:       "county_scorecard.original_share", Numerator: "内容原创单位数", Denominator: "应报单位数"},
}

// ScorecardMeasure returns the catalog entry of a scorecard measure.
func ScorecardMeasure(m Metric) MetricInfo {
	for _, x := range ScorecardMeasures {
		if x.Metric == m {
			return x
		}
	}
	panic("analytics: no scorecard measure " + string(m))
}
