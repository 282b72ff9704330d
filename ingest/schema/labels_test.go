package schema

import "testing"

func TestCellLabel(t *testing.T) {
	for _, tc := range []struct{ key, want string }{
		{"s3.processed.natural", "第三部分 · (七)总计 · 自然人"},
		{"s3.new.total", "第三部分 · 一、本年新收政府信息公开申请数量 · 总计"},
		{"s3.granted.total", "第三部分 · (一)予以公开 · 总计"},
		{"s3.partial.natural", "第三部分 · (二)部分公开 · 自然人"},
		{"s3.denied.secret.legal", "第三部分 · (三)不予公开1.属于国家秘密 · 法律服务机构"},
		{"s3.*.natural", "第三部分 · 自然人列"},
		{"s4.review.total", "第四部分 · 行政复议 · 总计"},
		{"s4.suit_direct.total", "第四部分 · 行政诉讼·未经复议直接起诉 · 总计"},
		{"s2.licensing.decisions", "第二部分 · 行政许可 · 处理决定数量"},
		{"s2.fees.amount", "第二部分 · 行政事业性收费 · 本年收费金额(单位:万元)"},
		{"proactive_items", "第一部分 · 本年主动公开信息数"},
		{"s3.nope.total", "s3.nope.total"},
		{"garbage", "garbage"},
	} {
		if got := CellLabel(tc.key); got != tc.want {
			t.Errorf("CellLabel(%q) = %q, want %q", tc.key, got, tc.want)
		}
	}
}

func TestRuleTextZH(t *testing.T) {
	for rule := RuleBalance; rule <= RuleAppealGroups; rule++ {
		if got := RuleTextZH(rule); got == "未知规则" || got[:len("规则1")] != "规则"+string(rune('0'+rule)) {
			t.Errorf("RuleTextZH(%d) = %q", rule, got)
		}
	}
}
