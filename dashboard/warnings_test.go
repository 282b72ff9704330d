package dashboard

import (
	"strings"
	"testing"
)

// TestWarningZH: each format the parser warns in (ingest: warnf) reads in
// Chinese, with what it quotes kept; an unknown one keeps its words, marked.
func TestWarningZH(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"proactive_items absent: part 一 gives only an approximate count 「主动公开各类政府信息160余条」",
			"第一部分只给出约数 「主动公开各类政府信息160余条」，不能作为本年主动公开信息数（按未填报处理）"},
		{"proactive_items absent: part 一 gives a cumulative count 「累计公开1200条」, not the year's",
			"第一部分给出的是累计数 「累计公开1200条」，不是本年数，不能作为本年主动公开信息数（按未填报处理）"},
		{"proactive_items absent: part 一 states no count of items proactively published",
			"第一部分没有写明本年主动公开信息条数（按未填报处理）"},
		{"proactive_items absent: part 一 gives competing totals 「60」, 「80」",
			"第一部分给出互相矛盾的合计 「60」, 「80」，不能作为本年主动公开信息数（按未填报处理）"},
		{"s3 holds 77 of its 161 figures", "第三部分只读到 77 个数字（模板共 161 个），其余按未填报处理"},
		{"part 二 row 政府集中采购: amount 13.94 printed without a unit; kept as printed (assumed 万元)",
			"第二部分“政府集中采购”一行：金额 13.94 未注明单位，按原数保留（视为万元）"},
		{"the title names 2024 but the statistics period is 2025; 2025 taken", "标题写 2024 年，统计期为 2025 年；按 2025 年处理"},
		{"part 三: row 「（八）其他」 is out of the template's row order (repeated or mislabelled); its figures were not placed",
			"第三部分：「（八）其他」 一行不在模板的行序中（重复或标签有误）；其数字未能对应到模板（按未填报处理）"},
		{"part 四: the run 「1 0 0 0 1」 splits into candidates 「a」 or 「b」; its figures were not placed",
			"第四部分：数字串 「1 0 0 0 1」 有几种拆法（「a」 or 「b」），无法确定；其数字未能对应到模板（按未填报处理）"},
		{"no figure in any table: this is a blank form, not a report of zero activity", "各表格都没有数字：这是一张空白表，不是零活动的报告"},
		{"part 三: something new happened", "解析器说明（原文）：第三部分: something new happened"},
	} {
		if got := WarningZH(tc.in); got != tc.want {
			t.Errorf("WarningZH(%q)\n = %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

// TestWarningsShownInChinese: the township's checks table and the report
// page show a parser warning in Chinese.
func TestWarningsShownInChinese(t *testing.T) {
	fs := newFake()
	w := "proactive_items absent: part 一 gives only an approximate count 「160余条」"
	for i := range fs.reports {
		if fs.reports[i].Township == townA.Township && fs.reports[i].Year == 2025 {
			fs.reports[i].Warnings = []string{w}
		}
	}
	s, _ := newTestServer(t, fs)
	_, body := get(t, s, q("/township", "county", townA.County, "town", townA.Name))
	if !strings.Contains(body, "第一部分只给出约数 「160余条」") || strings.Contains(body, "approximate count") {
		t.Error("the township page shows the warning in English")
	}
}
