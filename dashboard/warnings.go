package dashboard

import (
	"regexp"
	"strconv"
	"strings"
)

// The parser writes its warnings in English, for developers and logs
// (ingest: warnf); the pages show them to county staff in Chinese. Each
// pattern below is one of the parser's formats, with the parts it quotes
// (「…」, keys, numbers) carried over as they are. A warning no pattern
// knows is shown with its parts named in Chinese and marked as the
// parser's own words, so nothing is hidden.
var warningPatterns = []warningPattern{
	{regexp.MustCompile(`^proactive_items absent: part 一 gives only an approximate count (.*)$`),
		"第一部分只给出约数 ${1}，不能作为本年主动公开信息数（按未填报处理）"},
	{regexp.MustCompile(`^proactive_items absent: part 一 gives a cumulative count (.*), not the year's$`),
		"第一部分给出的是累计数 ${1}，不是本年数，不能作为本年主动公开信息数（按未填报处理）"},
	{regexp.MustCompile(`^proactive_items absent: part 一 gives a change on the year before (.*), not a count$`),
		"第一部分给出的是与上年相比的增减 ${1}，不是条数，不能作为本年主动公开信息数（按未填报处理）"},
	{regexp.MustCompile(`^proactive_items absent: part 一 states no count of items proactively published$`),
		"第一部分没有写明本年主动公开信息条数（按未填报处理）"},
	{regexp.MustCompile(`^proactive_items absent: part 一 gives separate counts for several channels and no total: (.*)$`),
		"第一部分分渠道给出多个数字 ${1}，没有合计，不能作为本年主动公开信息数（按未填报处理）"},
	{regexp.MustCompile(`^proactive_items absent: part 一 gives competing totals (.*)$`),
		"第一部分给出互相矛盾的合计 ${1}，不能作为本年主动公开信息数（按未填报处理）"},
	{regexp.MustCompile(`^proactive_items absent: part 一 gives 主动公开 counts by kind only \((.*)\) and no total; (.*) is not said to be proactive$`),
		"第一部分只按类别给出主动公开数（${1}），没有合计；${2} 未说明是主动公开（按未填报处理）"},
	{regexp.MustCompile(`^part 二 row (.*): amount (.*) printed without a unit; kept as printed(?: \(assumed 万元\))?$`),
		"第二部分“${1}”一行：金额 ${2} 未注明单位，按原数保留（视为万元）"},
	{regexp.MustCompile(`^(.*): (.*) printed twice \((.*) and (.*)\); the first kept$`),
		"${1}：${2} 出现两次（${3} 和 ${4}），取第一个"},
	{regexp.MustCompile(`^(.*): the total cell is empty while the row sums to (.*); (.*) left absent$`),
		"${1}：总计单元格为空，而该行各数之和为 ${2}；${3} 按未填报处理"},
	{regexp.MustCompile(`^the title names no body; (.*) taken from (.*)$`),
		"标题没有写单位名称；单位“${1}”取自 ${2}"},
	{regexp.MustCompile(`^the title names (\d+) but the statistics period is (\d+); (\d+) taken$`),
		"标题写 ${1} 年，统计期为 ${2} 年；按 ${3} 年处理"},
	{regexp.MustCompile(`^no title or statistics period names the year; (\d+) taken from part 一 (.*)$`),
		"标题和统计期都没有写年份；根据第一部分 ${2} 按 ${1} 年处理"},
	{regexp.MustCompile(`^the tables hold as much evidence of template 2019 as of 2021; template left undecided$`),
		"表格既符合 2019 版也符合 2021 版模板，未能判定模板版本"},
	{regexp.MustCompile(`^no figure in any table: this is a blank form, not a report of zero activity$`),
		"各表格都没有数字：这是一张空白表，不是零活动的报告"},
	{regexp.MustCompile(`^the document has (\d+) lines; only the first (\d+) were read.*$`),
		"文件有 ${1} 行，只读取了前 ${2} 行（一份报告通常只有几百行）"},
	{regexp.MustCompile(`^(.*) holds (\d+) rows of figures; only the first (\d+) were read.*$`),
		"${1} 有 ${2} 行数字，只读取了前 ${3} 行"},
	{regexp.MustCompile(`^part 三, s3\.(\S+): the run (.*) was split by the column sums \(rules 1–2\)$`),
		"第三部分 s3.${1}：连在一起的数字 ${2} 按各列合计（规则 1–2）拆分"},
	{regexp.MustCompile(`^the tables print figures \(e\.g\. (.*)\) but none of them could be placed in the template's cells.*$`),
		"表格中有数字（如 ${1}），但都未能对应到模板的单元格，原因见其他提示"},
	{regexp.MustCompile(`^part 三: row (.*) has no label and cannot be placed by its position; its figures were not placed$`),
		"第三部分：${1} 一行没有标签，也无法按位置确定是哪一行；其数字未能对应到模板（按未填报处理）"},
	{regexp.MustCompile(`^part 三: the run (.*) ends with an item number that does not number the row after it; its figures were not placed$`),
		"第三部分：数字串 ${1} 末尾的序号与下一行对不上；其数字未能对应到模板（按未填报处理）"},
	{regexp.MustCompile(`^part 三: figures (.*) follow no row label of the template; they were not placed$`),
		"第三部分：数字 ${1} 前面没有模板的行标签；未能对应到模板（按未填报处理）"},
	{regexp.MustCompile(`^part 三: row (.*) is out of the template's row order \(repeated or mislabelled\); its figures were not placed$`),
		"第三部分：${1} 一行不在模板的行序中（重复或标签有误）；其数字未能对应到模板（按未填报处理）"},
	{regexp.MustCompile(`^part 三, (.*): a cell of (.*) is missing and neither the row nor the column sums tell which; its figures were not placed$`),
		"第三部分 ${1}：${2} 少一个单元格，行、列合计都无法判断少的是哪一个；其数字未能对应到模板（按未填报处理）"},
	{regexp.MustCompile(`^part ([三四]): (\d+) figures in (.*) do not fit (?:the (\d+) columns|its 15 cells); they were not placed$`),
		"第${1}部分：${3} 中的 ${2} 个数字与模板的单元格数不符；未能对应到模板（按未填报处理）"},
	{regexp.MustCompile(`^part 四: figures (.*) fit neither one group of 5 nor the row of 15; they were not placed$`),
		"第四部分：数字 ${1} 既不是一组 5 个也不是一行 15 个；未能对应到模板（按未填报处理）"},
	{regexp.MustCompile(`^part 四: whole groups printed blank left no cells; (.*) placed by the columns of the header$`),
		"第四部分：整组留空、没有单元格；${1} 按表头的列对应"},
	{regexp.MustCompile(`^(.*): no split of the run (.*) into (\d+|15) cells fits.*; its figures were not placed$`),
		"${1}：数字串 ${2} 无法拆成符合模板的 ${3} 个单元格；其数字未能对应到模板（按未填报处理）"},
	{regexp.MustCompile(`^(.*): the run (.*) splits into candidates (.*); its figures were not placed$`),
		"${1}：数字串 ${2} 有几种拆法（${3}），无法确定；其数字未能对应到模板（按未填报处理）"},
	{regexp.MustCompile(`^(.*); (?:its|their) figures were not placed$`),
		"${1}；这些数字未能对应到模板的单元格（按未填报处理）"},
	{regexp.MustCompile(`^(.*); they were not placed$`),
		"${1}；这些数字未能对应到模板的单元格（按未填报处理）"},
}

// warningPattern is one format of the parser's warnings and its Chinese
// (${1}… for what it quotes).
type warningPattern struct {
	re *regexp.Regexp
	zh string
}

// A part that holds fewer figures than its template: s2, s3 or s4.
func init() {
	for i, n := range []string{"二", "三", "四"} {
		warningPatterns = append(warningPatterns, warningPattern{regexp.MustCompile(`^s` + strconv.Itoa(i+2) + ` holds (\d+) of its (\d+) figures$`),
			"第" + n + "部分只读到 ${1} 个数字（模板共 ${2} 个），其余按未填报处理"})
	}
}

// partNames name the report's parts in Chinese where a warning's own words
// are kept.
var partNames = strings.NewReplacer(
	"part 一", "第一部分", "part 二", "第二部分", "part 三", "第三部分", "part 四", "第四部分")

// WarningZH writes a parser warning in Chinese, as the pages show it.
func WarningZH(w string) string {
	for _, p := range warningPatterns {
		if p.re.MatchString(w) {
			return partNames.Replace(p.re.ReplaceAllString(w, p.zh))
		}
	}
	return "解析器说明（原文）：" + partNames.Replace(w)
}
