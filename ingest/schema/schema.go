// Package schema describes the national templates of the 政府信息公开工作年度报告:
// the canonical key of every figure (see FORMAT.md), the rows and columns of
// the three tables, and the arithmetic every correct report satisfies.
//
// It is the contract between the parser, the fixture generator, the store and
// the tests, so it holds data and rules only: no parsing, no I/O.
package schema

// Template versions, named after the year of the notice that issued them.
const (
	Template2019 = "2019" // 国办公开办函〔2019〕60号
	Template2021 = "2021" // 国办公开办函〔2021〕30号
)

// Templates lists the known template versions.
var Templates = []string{Template2019, Template2021}

// ProactiveItems is the key of the yearly proactive-disclosure count taken
// from the prose of part 一.
const ProactiveItems = "proactive_items"

// Column is one column of a table: its key suffix and its printed header.
type Column struct {
	Key   string
	Label string
}

// S3Columns are the applicant columns of part 三, in printed order.
var S3Columns = []Column{
	{"natural", "自然人"},
	{"commercial", "商业企业"},
	{"research", "科研机构"},
	{"social", "社会公益组织"},
	{"legal", "法律服务机构"},
	{"other", "其他"},
	{"total", "总计"},
}

// S3Row is one row of the part 三 matrix.
type S3Row struct {
	Key   string // e.g. "denied.secret"; the figure key is "s3."+Key+"."+column
	Group string // printed group label, e.g. "(三)不予公开"; "" for top-level rows
	Label string // printed row label
	// Outcome marks the rows whose sum is (七)总计 (rule 2).
	Outcome bool
	// Sub2021 marks the three 其他处理 sub-rows that exist only in template 2021.
	Sub2021 bool
}

// S3Rows lists every part 三 row in printed order. Template 2019 prints "other"
// as one row; template 2021 prints its three sub-rows, and some 2021 reports
// print only the collapsed "other" row instead.
var S3Rows = []S3Row{
	{Key: "new", Label: "一、本年新收政府信息公开申请数量"},
	{Key: "carried_in", Label: "二、上年结转政府信息公开申请数量"},
	{Key: "granted", Group: "三、本年度办理结果", Label: "(一)予以公开", Outcome: true},
	{Key: "partial", Group: "三、本年度办理结果", Label: "(二)部分公开(区分处理的，只计这一情形，不计其他情形)", Outcome: true},
	{Key: "denied.secret", Group: "(三)不予公开", Label: "1.属于国家秘密", Outcome: true},
	{Key: "denied.law", Group: "(三)不予公开", Label: "2.其他法律行政法规禁止公开", Outcome: true},
	{Key: "denied.safety", Group: "(三)不予公开", Label: "3.危及“三安全一稳定”", Outcome: true},
	{Key: "denied.third_party", Group: "(三)不予公开", Label: "4.保护第三方合法权益", Outcome: true},
	{Key: "denied.internal", Group: "(三)不予公开", Label: "5.属于三类内部事务信息", Outcome: true},
	{Key: "denied.process", Group: "(三)不予公开", Label: "6.属于四类过程性信息", Outcome: true},
	{Key: "denied.enforcement", Group: "(三)不予公开", Label: "7.属于行政执法案卷", Outcome: true},
	{Key: "denied.query", Group: "(三)不予公开", Label: "8.属于行政查询事项", Outcome: true},
	{Key: "unavailable.not_held", Group: "(四)无法提供", Label: "1.本机关不掌握相关政府信息", Outcome: true},
	{Key: "unavailable.needs_creation", Group: "(四)无法提供", Label: "2.没有现成信息需要另行制作", Outcome: true},
	{Key: "unavailable.unclear", Group: "(四)无法提供", Label: "3.补正后申请内容仍不明确", Outcome: true},
	{Key: "rejected.complaint", Group: "(五)不予处理", Label: "1.信访举报投诉类申请", Outcome: true},
	{Key: "rejected.duplicate", Group: "(五)不予处理", Label: "2.重复申请", Outcome: true},
	{Key: "rejected.publication", Group: "(五)不予处理", Label: "3.要求提供公开出版物", Outcome: true},
	{Key: "rejected.mass", Group: "(五)不予处理", Label: "4.无正当理由大量反复申请", Outcome: true},
	{Key: "rejected.confirm", Group: "(五)不予处理", Label: "5.要求行政机关确认或重新出具已获取信息", Outcome: true},
	{Key: "other", Group: "", Label: "(六)其他处理", Outcome: true},
	{Key: "other.no_correction", Group: "(六)其他处理", Label: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", Sub2021: true},
	{Key: "other.no_fee", Group: "(六)其他处理", Label: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", Sub2021: true},
	{Key: "other.misc", Group: "(六)其他处理", Label: "3.其他", Sub2021: true},
	{Key: "processed", Label: "(七)总计"},
	{Key: "carried_out", Label: "四、结转下年度继续办理"},
}

// S3OtherSubRows are the keys of the three 其他处理 sub-rows of template 2021.
var S3OtherSubRows = []string{"other.no_correction", "other.no_fee", "other.misc"}

// S3Key returns the canonical key of one part 三 cell.
func S3Key(row, column string) string { return "s3." + row + "." + column }

// s3RowKeys holds the keys of every part 三 row's cells, built once.
var s3RowKeys = func() map[string][]string {
	m := map[string][]string{}
	for _, r := range S3Rows {
		for _, c := range S3Columns {
			m[r.Key] = append(m[r.Key], S3Key(r.Key, c.Key))
		}
	}
	return m
}()

// S3RowKeys returns the keys of one part 三 row's cells in column order.
// The slice is shared: do not modify it.
func S3RowKeys(row string) []string { return s3RowKeys[row] }

// S2Row is one row of the part 二 table of one template.
type S2Row struct {
	Key     string // e.g. "licensing"; the figure key is "s2."+Key+"."+column
	Section string // 第二十条第（N）项
	Label   string
	Columns []Column
	// Decimal marks money columns (万元) that may carry decimals.
	Decimal map[string]bool
}

var (
	cols2019Docs  = []Column{{"made", "本年新制作数量"}, {"published", "本年新公开数量"}, {"total", "对外公开总数量"}}
	cols2019Items = []Column{{"prev", "上一年项目数量"}, {"change", "本年增/减"}, {"decisions", "处理决定数量"}}
	cols2021Docs  = []Column{{"issued", "本年制发件数"}, {"repealed", "本年废止件数"}, {"in_force", "现行有效件数"}}
	cols2021Count = []Column{{"decisions", "本年处理决定数量"}}
)

// S2Rows lists the part 二 rows of each template in printed order.
var S2Rows = map[string][]S2Row{
	Template2019: {
		{Key: "regulations", Section: "第二十条第(一)项", Label: "规章", Columns: cols2019Docs},
		{Key: "normative", Section: "第二十条第(一)项", Label: "规范性文件", Columns: cols2019Docs},
		{Key: "licensing", Section: "第二十条第(五)项", Label: "行政许可", Columns: cols2019Items},
		{Key: "other_services", Section: "第二十条第(五)项", Label: "其他对外管理服务事项", Columns: cols2019Items},
		{Key: "penalty", Section: "第二十条第(六)项", Label: "行政处罚", Columns: cols2019Items},
		{Key: "coercion", Section: "第二十条第(六)项", Label: "行政强制", Columns: cols2019Items},
		{Key: "fees", Section: "第二十条第(八)项", Label: "行政事业性收费", Columns: []Column{{"prev", "上一年项目数量"}, {"change", "本年增/减"}}},
		{Key: "procurement", Section: "第二十条第(九)项", Label: "政府集中采购", Columns: []Column{{"items", "采购项目数量"}, {"amount", "采购总金额"}},
			Decimal: map[string]bool{"amount": true}},
	},
	Template2021: {
		{Key: "regulations", Section: "第二十条第(一)项", Label: "规章", Columns: cols2021Docs},
		{Key: "normative", Section: "第二十条第(一)项", Label: "行政规范性文件", Columns: cols2021Docs},
		{Key: "licensing", Section: "第二十条第(五)项", Label: "行政许可", Columns: cols2021Count},
		{Key: "penalty", Section: "第二十条第(六)项", Label: "行政处罚", Columns: cols2021Count},
		{Key: "coercion", Section: "第二十条第(六)项", Label: "行政强制", Columns: cols2021Count},
		{Key: "fees", Section: "第二十条第(八)项", Label: "行政事业性收费", Columns: []Column{{"amount", "本年收费金额(单位:万元)"}},
			Decimal: map[string]bool{"amount": true}},
	},
}

// S2Key returns the canonical key of one part 二 cell.
func S2Key(row, column string) string { return "s2." + row + "." + column }

// S4Groups are the three groups of part 四, in printed order.
var S4Groups = []Column{
	{"review", "行政复议"},
	{"suit_direct", "行政诉讼·未经复议直接起诉"},
	{"suit_after_review", "行政诉讼·复议后起诉"},
}

// S4Columns are the five columns of each part 四 group, in printed order.
var S4Columns = []Column{
	{"upheld", "结果维持"},
	{"corrected", "结果纠正"},
	{"other", "其他结果"},
	{"pending", "尚未审结"},
	{"total", "总计"},
}

// S4Key returns the canonical key of one part 四 cell.
func S4Key(group, column string) string { return "s4." + group + "." + column }

// Keys returns every canonical figure key of a template in report order:
// proactive_items, part 二, part 三, part 四. For template 2021 part 三 lists
// the three 其他处理 sub-rows and not the collapsed "other" row; for template
// 2019 the reverse.
func Keys(template string) []string {
	keys := []string{ProactiveItems}
	for _, r := range S2Rows[template] {
		for _, c := range r.Columns {
			keys = append(keys, S2Key(r.Key, c.Key))
		}
	}
	for _, r := range S3Rows {
		if template == Template2019 && r.Sub2021 || template == Template2021 && r.Key == "other" {
			continue
		}
		for _, c := range S3Columns {
			keys = append(keys, S3Key(r.Key, c.Key))
		}
	}
	for _, g := range S4Groups {
		for _, c := range S4Columns {
			keys = append(keys, S4Key(g.Key, c.Key))
		}
	}
	return keys
}

// AllKeys returns the union of the keys of every template, each once, in
// report order: within a part 二 row the 2019 columns come before the 2021
// ones, and part 三 lists both the collapsed "other" row and the 2021
// sub-rows.
func AllKeys() []string {
	seen := map[string]bool{}
	var out []string
	add := func(k string) {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	add(ProactiveItems)
	for _, r := range S2Rows[Template2019] {
		for _, t := range Templates {
			for _, r2 := range S2Rows[t] {
				if r2.Key != r.Key {
					continue
				}
				for _, c := range r2.Columns {
					add(S2Key(r.Key, c.Key))
				}
			}
		}
	}
	for _, r := range S3Rows {
		for _, c := range S3Columns {
			add(S3Key(r.Key, c.Key))
		}
	}
	for _, g := range S4Groups {
		for _, c := range S4Columns {
			add(S4Key(g.Key, c.Key))
		}
	}
	return out
}

// keyOrder ranks every known key for sorting.
var keyOrder = func() map[string]int {
	m := map[string]int{}
	for i, k := range AllKeys() {
		m[k] = i
	}
	return m
}()

// Less orders figure keys in report order; unknown keys sort last, by name.
func Less(a, b string) bool {
	ia, oka := keyOrder[a]
	ib, okb := keyOrder[b]
	switch {
	case oka && okb:
		return ia < ib
	case oka != okb:
		return oka
	default:
		return a < b
	}
}

// Known reports whether key is a canonical figure key of any template.
func Known(key string) bool {
	_, ok := keyOrder[key]
	return ok
}
