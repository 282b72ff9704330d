package dashboard

import (
	"testing"

	"xxgk/analytics"
)

// TestRuleCellChinese: every rule a flag carries is named in Chinese, the
// key kept in the tooltip.
func TestRuleCellChinese(t *testing.T) {
	for _, tc := range []struct {
		kind, rule, want string
	}{
		{"copied_prose", "previous", "与本单位上年报告雷同"},
		{"copied_prose", "peer", "与同县同年其他单位报告雷同"},
		{"text_vs_table", "fees_unexplained", "表格有因未缴费终止的申请，第六部分未说明收费"},
		{"text_vs_table", "s3.new.total", "正文所述与表格不符：第三部分 · 一、本年新收政府信息公开申请数量 · 总计"},
		{"incomplete", "s4", "第四部分（复议诉讼）"},
		{"late", "", ""},
	} {
		c := ruleCell(analytics.Flag{Kind: tc.kind, Rule: tc.rule})
		if c.Text != tc.want || c.Title != tc.rule {
			t.Errorf("%s %q: %q (title %q), want %q", tc.kind, tc.rule, c.Text, c.Title, tc.want)
		}
	}
}
