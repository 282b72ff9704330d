package analytics

// FlagKindInfo describes a kind of supervision flag for people: the one
// catalog of flag kinds, read by the review page, its downloads and the
// definitions page. The rules themselves are the flag_* views
// (sql/README.md).
type FlagKindInfo struct {
	Kind       string `json:"kind"`
	Label      string `json:"label"`      // Chinese
	Definition string `json:"definition"` // Chinese, one line
	View       string `json:"view"`
}

// FlagKindCatalog lists every kind of flag, in the order pages list them.
var FlagKindCatalog = []FlagKindInfo{
	{"missing", "缺报", "应报单位本年没有年度报告（自其首份报告起，至库中最新年度）。", "flag_missing"},
	{"late", "逾期发布", "报告的发布日期晚于截止日期。", "flag_late"},
	{"arithmetic", "算术不符", "报告的表格不符合模板自身的算术关系（规则1—4），如“办理总计＝各项办理结果之和”。", "flag_arithmetic"},
	{"incomplete", "内容不完整", "报告第二、三或四部分的表格缺失或不完整（如网页截断），按部分列出。", "flag_incomplete"},
	{"plausible", "数值不合理", "数量为负数、非整数或超过1亿（仅“增减”可为负），原样保留。", "flag_plausible"},
	{"carry_over", "结转不符", "本年“上年结转”申请数不等于上年报告的“结转下年度继续办理”数，按申请人类别列出。", "flag_carry_over"},
	{"stock", "存量不符", "2021版模板：本年现行有效件数不等于上年现行有效件数＋本年制发－本年废止（规章、行政规范性文件）。", "flag_stock"},
	{"jump", "跨年突变", "主要数字超过上年的5倍或不足上年的五分之一，且两年都达到最低数量（见 thresholds）。", "flag_jump"},
	{"peer_outlier", "同县离群", "主要数字远离同县同年其他单位：超出四分位数3倍四分位距之外（至少5个单位可比）。", "flag_peer_outlier"},
	{"zero_activity", "零活动", "本年没有收到申请、第二部分各项均为0、没有主动公开信息。", "flag_zero_activity"},
	{"copied_prose", "文字雷同", "报告文字与本单位上一份报告或同县其他单位同年报告重复超过一半。", "flag_copied_prose"},
	{"text_vs_table", "文字与表格不符", "报告正文所述数字与表格不一致。", "flag_text_vs_table"},
}

// FlagKindLabel names a kind of flag in Chinese (the kind itself when
// unknown).
func FlagKindLabel(kind string) string {
	for _, k := range FlagKindCatalog {
		if k.Kind == kind {
			return k.Label
		}
	}
	return kind
}

// FlagStatusLabels name the statuses of a flag in Chinese.
var FlagStatusLabels = map[string]string{"open": "待审核", "confirmed": "已确认问题", "dismissed": "已排除"}
