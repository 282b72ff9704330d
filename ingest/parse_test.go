package ingest

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"xxgk/ingest/schema"
)

// base2021 is a clean template-2021 report; each case below damages it the
// way extraction damages real reports and states what must still come out.
func base2021(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("testdata/cases/base-2021.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// replaceLine replaces the one line that starts with prefix.
func replaceLine(t testing.TB, text, prefix, with string) string {
	t.Helper()
	lines := strings.Split(text, "\n")
	n := 0
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			lines[i] = with
			n++
		}
	}
	if n != 1 {
		t.Fatalf("%d lines start with %q, want 1", n, prefix)
	}
	return strings.Join(lines, "\n")
}

// row7 formats a part 三 row as tab-separated text.
func row7(label string, vals ...string) string { return label + "\t" + strings.Join(vals, "\t") }

func TestParseDamage(t *testing.T) {
	tests := []struct {
		name string
		edit func(t testing.TB, s string) string
		// want holds figures that must come out exactly; absent lists keys
		// that must not; blank lists the keys printed blank.
		want       map[string]float64
		absent     []string
		blank      []string
		incomplete []string
		checks     int
		warning    string // a regexp one warning must match
	}{
		{
			name: "clean",
			edit: func(_ testing.TB, s string) string { return s },
			want: map[string]float64{"proactive_items": 128, "s2.fees.amount": 3.5, "s3.granted.total": 3, "s3.processed.natural": 6,
				"s3.unavailable.not_held.legal": 1, "s4.review.pending": 1, "s4.suit_after_review.other": 1},
		},
		{
			name: "label split across lines, values with the first part",
			edit: func(t testing.TB, s string) string {
				return replaceLine(t, s, "\t\t3.补正后申请内容仍不明确", "\t\t3.补正后申请内容仍\t0\t0\t0\t0\t0\t0\t0\n\t\t不明确\t\t\t\t\t\t\t")
			},
			want: map[string]float64{"s3.unavailable.unclear.total": 0, "s3.rejected.complaint.total": 0, "s3.rejected.duplicate.natural": 1},
		},
		{
			name: "label wrapped above its values",
			edit: func(t testing.TB, s string) string {
				return replaceLine(t, s, "\t（二）部分公开", "\t（二）部分公开（区分处理的，只计这一情\n形，不计其他情形）\n1  0  0  0  0  0  1")
			},
			want: map[string]float64{"s3.partial.natural": 1, "s3.partial.total": 1, "s3.denied.secret.total": 0},
		},
		{
			name: "label split across cells with stray spaces",
			edit: func(t testing.TB, s string) string {
				s = replaceLine(t, s, "三、本年度办理结果", row7("三、 本年 度办 理结 果\t(一) 予以 公开", "2", "1", "0", "0", "0", "0", "3"))
				return replaceLine(t, s, "一、本年新收", row7("一、\t本年 新收政府信息公开申请数量", "5", "1", "0", "0", "1", "0", "7"))
			},
			want: map[string]float64{"s3.granted.natural": 2, "s3.granted.total": 3, "s3.new.total": 7},
		},
		{
			name: "full-width digits and brackets",
			edit: func(t testing.TB, s string) string {
				s = strings.Replace(s, "政府信息128条", "政府信息１２８条", 1)
				return replaceLine(t, s, "\t\t4.保护第三方合法权益", row7("\t\t４．保护第三方合法权益", "１", "０", "０", "０", "０", "０", "１"))
			},
			want: map[string]float64{"proactive_items": 128, "s3.denied.third_party.natural": 1, "s3.denied.third_party.total": 1},
		},
		{
			name: "Kangxi radicals that PDF fonts put for ideographs",
			edit: func(t testing.TB, s string) string {
				// ⼀ U+2F00, ⼆ U+2F06, ⽂ U+2F42: NFKC folds them to 一, 二, 文.
				s = replaceLine(t, s, "一、本年新收", row7("⼀、本年新收政府信息公开申请数量", "5", "1", "0", "0", "1", "0", "7"))
				return replaceLine(t, s, "二、上年结转", row7("⼆、上年结转政府信息公开申请数量", "1", "0", "0", "0", "0", "0", "1"))
			},
			want: map[string]float64{"s3.new.total": 7, "s3.carried_in.natural": 1},
		},
		{
			name: "thousands separators",
			edit: func(t testing.TB, s string) string {
				return replaceLine(t, s, "行政许可", "行政许可\t1,235")
			},
			want: map[string]float64{"s2.licensing.decisions": 1235},
		},
		{
			name: "cells run together",
			edit: func(t testing.TB, s string) string {
				return replaceLine(t, s, "规章", "规章103")
			},
			want: map[string]float64{"s2.regulations.issued": 1, "s2.regulations.repealed": 0, "s2.regulations.in_force": 3},
		},
		{
			name: "misspelt labels",
			edit: func(t testing.TB, s string) string {
				s = replaceLine(t, s, "行政事业性收费", "行政事业型收费\t3.5")
				s = replaceLine(t, s, "行政规范性文件", "规范性文件\t4\t1\t12")
				return replaceLine(t, s, "\t\t2.其他法律行政法规禁止公开", row7("\t\t2.其他法律行政止公开", "0", "0", "0", "0", "0", "0", "0"))
			},
			want: map[string]float64{"s2.fees.amount": 3.5, "s2.normative.in_force": 12, "s3.denied.law.total": 0},
		},
		{
			name: "a spare empty cell inside a row",
			edit: func(t testing.TB, s string) string {
				return replaceLine(t, s, "\t\t2.重复申请", "\t\t2.重复申请\t1\t0\t0\t0\t\t0\t0\t1")
			},
			want:    map[string]float64{"s3.rejected.duplicate.natural": 1, "s3.rejected.duplicate.other": 0, "s3.rejected.duplicate.total": 1},
			warning: `spare empty cell was dropped`,
		},
		{
			name: "one value too many, the arithmetic tells which",
			edit: func(t testing.TB, s string) string {
				return replaceLine(t, s, "\t\t4.保护第三方合法权益", row7("\t\t4.保护第三方合法权益", "1", "0", "0", "0", "0", "0", "1", "0"))
			},
			want:    map[string]float64{"s3.denied.third_party.natural": 1, "s3.denied.third_party.total": 1},
			warning: `one spare cell was dropped`,
		},
		{
			name: "one value too few, the column sums tell where",
			edit: func(t testing.TB, s string) string {
				// Layout text: the blank 商业企业 cell of 本机关不掌握 left no trace.
				return replaceLine(t, s, "\t（四）无法提供", "（四）无法提供  1.本机关不掌握相关政府信息  1    0  0  1  0  2")
			},
			want: map[string]float64{"s3.unavailable.not_held.natural": 1, "s3.unavailable.not_held.commercial": 0, "s3.unavailable.not_held.legal": 1},
			// Which of the three zero cells was the blank one cannot be told.
			warning: `column sums confirm`,
		},
		{
			name: "blank cells written /, -, —, 无 and empty",
			edit: func(t testing.TB, s string) string {
				return replaceLine(t, s, "\t\t5.属于三类内部事务信息", "\t\t5.属于三类内部事务信息\t/\t-\t—\t无\t\t－\t0")
			},
			want: map[string]float64{"s3.denied.internal.natural": 0, "s3.denied.internal.total": 0},
			blank: []string{"s3.denied.internal.natural", "s3.denied.internal.commercial", "s3.denied.internal.research",
				"s3.denied.internal.social", "s3.denied.internal.legal", "s3.denied.internal.other"},
		},
		{
			name: "a blank group in part 四",
			edit: func(t testing.TB, s string) string {
				return replaceLine(t, s, "1\t0\t0\t1\t2", "\t\t\t\t\t0\t0\t0\t0\t0\t0\t0\t1\t0\t1\t")
			},
			want: map[string]float64{"s4.review.upheld": 0, "s4.review.total": 0, "s4.suit_after_review.total": 1},
			blank: []string{"s4.review.upheld", "s4.review.corrected", "s4.review.other", "s4.review.pending",
				"s4.review.total"},
		},
		{
			name: "the 法人或其他组织 subtotal column",
			edit: func(t testing.TB, s string) string {
				s = strings.Replace(s, "\t其他\t\n", "\t其他\t合计\t\n", 1)
				s = replaceLine(t, s, "一、本年新收", row7("一、本年新收政府信息公开申请数量", "5", "1", "0", "0", "1", "0", "2", "7"))
				s = replaceLine(t, s, "三、本年度办理结果", row7("三、本年度办理结果\t（一）予以公开", "2", "1", "0", "0", "0", "0", "1", "3"))
				return replaceLine(t, s, "\t（七）总计", row7("\t（七）总计", "6", "1", "0", "0", "1", "0", "3", "8"))
			},
			want:   map[string]float64{"s3.new.total": 7, "s3.new.legal": 1, "s3.granted.total": 3, "s3.processed.total": 8},
			checks: 1, // (七)总计 prints a subtotal of 3 where its organisations sum to 2
		},
		{
			name: "part 四 cut off",
			edit: func(_ testing.TB, s string) string {
				return s[:strings.Index(s, "四、政府信息公开行政复议")]
			},
			absent:     []string{"s4.review.total", "s4.suit_direct.upheld"},
			incomplete: []string{"s4"},
		},
		{
			name: "truncated inside part 三",
			edit: func(_ testing.TB, s string) string {
				return s[:strings.Index(s, "\t\t6.属于四类过程性信息")]
			},
			want:       map[string]float64{"s3.new.total": 7, "s3.denied.internal.total": 0},
			absent:     []string{"s3.denied.process.total", "s3.processed.total", "s4.review.total"},
			incomplete: []string{"s3", "s4"},
		},
		{
			name: "part 二 missing",
			edit: func(_ testing.TB, s string) string {
				return s[:strings.Index(s, "二、主动公开政府信息情况")] + s[strings.Index(s, "三、收到和处理"):]
			},
			absent:     []string{"s2.regulations.issued", "s2.fees.amount"},
			incomplete: []string{"s2"},
		},
		{
			name: "every cell on its own line with spacer lines",
			edit: func(_ testing.TB, s string) string {
				var b strings.Builder
				for _, l := range strings.Split(s, "\n") {
					for _, c := range strings.Split(l, "\t") {
						if c = strings.TrimSpace(c); c != "" {
							b.WriteString(c + "\n\n|\n")
						}
					}
					b.WriteString("||||\n")
				}
				return b.String()
			},
			want: map[string]float64{"s2.regulations.in_force": 3, "s2.licensing.decisions": 35, "s3.granted.total": 3,
				"s3.processed.natural": 6, "s4.review.pending": 1, "s4.suit_after_review.total": 1},
		},
		{
			name: "page chrome around the report",
			edit: func(_ testing.TB, s string) string {
				return "首页 > 政务公开 > 政府信息公开年报\n索引号：11140428/2023-00012\n发布机构：青石镇人民政府\n发布日期：2023-01-18\n" +
					"青石镇2022年政府信息公开工作年度报告\n" + s + "\n打印本页  关闭窗口\n版权所有：某县人民政府\n"
			},
			want: map[string]float64{"s3.new.total": 7},
		},
		{
			name: "signed changes in template 2019",
			edit: func(t testing.TB, _ string) string {
				seed, err := os.ReadFile("../fixtures/seed/danzhu-2020.txt")
				if err != nil {
					t.Fatal(err)
				}
				s := replaceLine(t, string(seed), "行政许可", "行政许可\t12\t+19\t31")
				return replaceLine(t, s, "其他对外管理服务事项", "其他对外管理服务事项\t5\t-2\t3")
			},
			want: map[string]float64{"s2.licensing.prev": 12, "s2.licensing.change": 19, "s2.licensing.decisions": 31,
				"s2.other_services.change": -2},
			blank: []string{"s4.review.upheld", "s4.review.corrected", "s4.review.other", "s4.review.pending", "s4.review.total"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Parse("case.txt", []byte(tc.edit(t, base2021(t))))
			if r.Err != nil {
				t.Fatal(r.Err)
			}
			for k, w := range tc.want {
				if g, ok := r.Figures[k]; !ok || g != w {
					t.Errorf("%s = %v (present %v), want %v", k, g, ok, w)
				}
			}
			for _, k := range tc.absent {
				if r.Has(k) {
					t.Errorf("%s = %v, want absent", k, r.Figures[k])
				}
			}
			if got, want := strings.Join(r.Blank, ","), strings.Join(tc.blank, ","); got != want {
				t.Errorf("blank = %s, want %s", got, want)
			}
			if got, want := strings.Join(r.Incomplete, ","), strings.Join(tc.incomplete, ","); got != want {
				t.Errorf("incomplete = %s, want %s", got, want)
			}
			if len(r.Checks) != tc.checks {
				t.Errorf("checks = %v, want %d", r.Checks, tc.checks)
			}
			if tc.warning != "" && !anyMatch(tc.warning, r.Warnings) {
				t.Errorf("no warning matches %q in %q", tc.warning, r.Warnings)
			}
			if t.Failed() {
				t.Logf("warnings: %q", r.Warnings)
			}
		})
	}
}

func anyMatch(pattern string, ss []string) bool {
	re := regexp.MustCompile(pattern)
	for _, s := range ss {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

func TestParseEncodings(t *testing.T) {
	utf8Text := base2021(t)
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(utf8Text)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data string
	}{
		{"utf-8", utf8Text},
		{"utf-8 with BOM", "\ufeff" + utf8Text},
		{"CRLF", strings.ReplaceAll(utf8Text, "\n", "\r\n")},
		{"GB18030", gb},
	}
	want := Parse("base.txt", []byte(utf8Text))
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Parse("base.txt", []byte(tc.data))
			if r.Err != nil {
				t.Fatal(r.Err)
			}
			if r.Org != "青石镇人民政府" || r.Year != 2022 || r.Template != schema.Template2021 {
				t.Errorf("identity = %q %d %q", r.Org, r.Year, r.Template)
			}
			if d := diffFigures(r.Figures, want.Figures); len(d) > 0 {
				t.Errorf("figures differ from the UTF-8 reading: %v", d)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "empty"},
		{"binary", []byte{0, 1, 2, 3, 0, 0, 0xff, 0xfe, 0, 7}, "binary"},
		{"not a report", []byte("关于做好春节期间安全生产工作的通知\n各村、各站所：\n请认真做好春节期间的安全生产工作。\n"), "not a 政府信息公开工作年度报告"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Parse("bad.txt", tc.data)
			if r.Err == nil || !strings.Contains(r.Err.Error(), tc.want) {
				t.Fatalf("err = %v, want one saying %q", r.Err, tc.want)
			}
			if !strings.Contains(r.Err.Error(), "bad.txt") {
				t.Errorf("err %q does not name the file", r.Err)
			}
		})
	}
}
