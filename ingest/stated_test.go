package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestSentenceFigures: the wordings taken, each with its value, and the
// wordings refused (a change, a running total, an approximation, a part of
// a combined count, a plan), which must yield nothing.
func TestSentenceFigures(t *testing.T) {
	for _, tc := range []struct {
		text string
		want string // "key=value,…" in order; "" for nothing
	}{
		// taken
		{"2023年，我镇共收到政府信息公开申请12件，均在法定期限内依法依规予以答复", "s3.new.total=12"},
		{"全年新收政府信息公开申请3件", "s3.new.total=3"},
		{"本年度收到依申请公开申请 2 件", "s3.new.total=2"},
		{"（二）依申请公开情况：2023年，我街道共收到申请5件，办结5件", "s3.new.total=5"},
		{"我局共收到政府信息公开申请12件，上年结转1件", "s3.new.total=12"},
		{"2023年度丰塔乡人民政府没有收到申请公开信息要求", "s3.new.total=0"},
		{"2023年，我镇未收到政府信息公开申请", "s3.new.total=0"},
		{"全年发生政府信息公开行政复议2件", "s4.review.total=2"},
		{"被申请行政复议案件1起，行政诉讼案件3起", "s4.review.total=1,s4.suits.total=3"},
		{"全年未发生因政府信息公开引起的行政复议、行政诉讼", "s4.review.total=0,s4.suits.total=0"},
		{"无行政复议和行政诉讼案件", "s4.review.total=0,s4.suits.total=0"},
		{"本年度未发生政府信息公开行政复议", "s4.review.total=0"},
		{"本年度制发行政规范性文件3件", "s2.normative.issued=3"},
		{"本年度行政事业性收费金额1.5万元", "s2.fees.amount=1.5"},
		// refused
		{"共收到政府信息公开申请12件（含上年结转2件）", ""},
		{"收到政府信息公开申请12件，同比增长20%", ""},
		{"较上年减少行政复议2件", ""},
		{"截至2023年底累计收到政府信息公开申请120件", ""},
		{"共收到政府信息公开申请10余件", ""},
		{"收到政府信息公开申请十二件", ""},
		{"行政复议和行政诉讼共3件", ""},
		{"行政复议、行政诉讼各1件", ""},
		{"复议后提起行政诉讼1件", ""},
		{"直接提起行政诉讼2件", ""},
		{"指导各乡镇共收到政府信息公开申请30件", ""},
		{"力争不发生行政复议和行政诉讼", ""},
		{"未收到法人或其他组织的政府信息公开申请", ""},
		{"共办理政府信息公开申请12件", ""},
		{"分别收到政府信息公开申请3件和4件", ""},
		{"主动公开政府信息65条", ""},
		{"申请人逾期未按收费通知要求缴纳费用的1件", ""},
		{"依据《政府信息公开信息处理费管理办法》规定，我镇本年度未收取信息处理费", ""},
		{"收到政府信息公开申请012件", ""},
		{"全年从未收到申请人对答复结果的投诉", ""},
		{"未收到申请书原件的，一律电话告知", ""},
	} {
		var got []string
		for _, s := range sentenceFigures(normalize(tc.text)) {
			got = append(got, fmt.Sprintf("%s=%g", s.Key, s.Value))
		}
		if g := strings.Join(got, ","); g != tc.want {
			t.Errorf("%s\n got %q\nwant %q", tc.text, g, tc.want)
		}
	}
}

// TestStatedDisagreeing: one key stated twice with different values is
// not taken; stated twice alike it is.
func TestStatedDisagreeing(t *testing.T) {
	rows := func(lines ...string) []row {
		var out []row
		for _, l := range lines {
			out = append(out, row{text: normalize(l), cells: []string{l}})
		}
		return out
	}
	got := statedFigures(rows("全年共收到政府信息公开申请3件。", "依申请公开方面，共收到政府信息公开申请4件。", "未发生行政复议。"),
		rows("本年度未发生行政复议。"))
	if len(got) != 1 || got[0].Key != "s4.review.total" || got[0].Value != 0 {
		t.Errorf("got %+v, want only s4.review.total=0", got)
	}
}

// TestProseKept: the seed report keeps parts 一, 五 and 六 without the
// template's boilerplate, and states its requests.
func TestProseKept(t *testing.T) {
	data, err := os.ReadFile("../fixtures/seed/danzhu-2020.txt")
	if err != nil {
		t.Fatal(err)
	}
	r := Parse("danzhu-2020.txt", data)
	for _, tc := range []struct {
		part, text     string
		wants, refuses []string
	}{
		{"一", r.Prose.Overview, []string{"主动公开"}, []string{"统计期限", "二、主动公开政府信息情况", "本年新收"}},
		{"五", r.Prose.Problems, nil, []string{"其他需要报告"}},
	} {
		if tc.text == "" {
			t.Errorf("part %s: no prose kept", tc.part)
		}
		for _, w := range tc.wants {
			if !strings.Contains(tc.text, w) {
				t.Errorf("part %s lacks %q: %q", tc.part, w, tc.text)
			}
		}
		for _, w := range tc.refuses {
			if strings.Contains(tc.text, w) {
				t.Errorf("part %s holds %q: %q", tc.part, w, tc.text)
			}
		}
	}
	if !slices.ContainsFunc(r.Stated, func(s Stated) bool { return s.Key == "s3.new.total" }) {
		t.Logf("seed states no request count: %+v", r.Stated)
	}
}

func TestDropBoilerplate(t *testing.T) {
	got := dropBoilerplate("本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。全年工作有序推进。")
	if got != "全年工作有序推进。" {
		t.Errorf("got %q", got)
	}
}

// TestStatedNeedsImplied: every expression matches only sentences holding
// its need words, so skipping the others changes nothing. Checked over
// the wordings above and the prose of every fifth demo report.
func TestStatedNeedsImplied(t *testing.T) {
	var texts []string
	files, _ := filepath.Glob("../fixtures/demo/reports/*/*/*")
	for i := 0; i < len(files); i += 5 {
		data, err := os.ReadFile(files[i])
		if err != nil {
			t.Fatal(err)
		}
		r := Parse(files[i], data)
		texts = append(texts, r.Prose.Overview, r.Prose.Other)
	}
	texts = append(texts, "2023年，我镇共收到政府信息公开申请12件", "本年度未发生政府信息公开行政复议",
		"全年未发生因政府信息公开引起的行政复议、行政诉讼", "本年度行政事业性收费金额1.5万元", "本年度制发行政规范性文件3件")
	matched := 0
	for _, text := range texts {
		for _, s := range sentences(normalize(text)) {
			for _, p := range statedPatterns {
				if p.re.MatchString(s) {
					matched++
					if !containsAll(s, p.need) {
						t.Errorf("%s matches %q without %q", p.key, s, p.need)
					}
				}
			}
			for _, p := range zeroPatterns {
				if p.re.MatchString(s) {
					matched++
					if !containsAll(s, p.need) || !strings.ContainsAny(s, "未没无") {
						t.Errorf("%v matches %q without %q or 未没无", p.keys, s, p.need)
					}
				}
			}
		}
	}
	t.Logf("%d matches", matched)
	if matched < 10 {
		t.Errorf("only %d sentences matched an expression: the check checks nothing", matched)
	}
}

// TestRefusedSentenceIsItsExpression: the one-pass reading says what the
// expression says, on the edges of its two non-literal alternatives and on
// the prose of every fifth demo report.
func TestRefusedSentenceIsItsExpression(t *testing.T) {
	re := regexp.MustCompile(refusedExpr)
	texts := []string{"近5年收到申请", "近年收到申请3件", "近", "各1件", "各乡镇", "各", "合计3件和", "合计3件\n和", "和合计",
		"合计", "全年收到申请12件", "同比", "将", "\xff将", "约\xff", "计划", "收到政府信息公开申请12件,含结转2件", ""}
	files, _ := filepath.Glob("../fixtures/demo/reports/*/*/*")
	for i := 0; i < len(files); i += 5 {
		data, err := os.ReadFile(files[i])
		if err != nil {
			t.Fatal(err)
		}
		r := Parse(files[i], data)
		texts = append(texts, sentences(normalize(r.Prose.Overview+r.Prose.Other))...)
	}
	refused := 0
	for _, s := range texts {
		want := re.MatchString(s)
		if got := refusedSentence(s); got != want {
			t.Errorf("refusedSentence(%q) = %v, the expression says %v", s, got, want)
		}
		refused += boolInt(want)
	}
	if refused < 10 || refused == len(texts) {
		t.Errorf("%d of %d sentences refused: the check checks little", refused, len(texts))
	}
}

// TestRuneSetsAreContainsAny: the two character tests say what
// strings.ContainsAny says.
func TestRuneSetsAreContainsAny(t *testing.T) {
	for _, s := range []string{"", "收到", "本年度", "未", "没", "无", "abc未", "费\xff", "\xff", "行政复议", "主动公开政府信息65条"} {
		if got, want := mentionsStated(s), strings.ContainsAny(s, "申请复议诉讼规范收费"); got != want {
			t.Errorf("mentionsStated(%q) = %v, want %v", s, got, want)
		}
		if got, want := saysNone(s), strings.ContainsAny(s, "未没无"); got != want {
			t.Errorf("saysNone(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestRuneScansAreRanges: mentionsStated and saysNone, looking for their
// characters by bytes, say what ranging over the text says, on every line
// of the seed files and the demo's rows and on broken and edge encodings.
func TestRuneScansAreRanges(t *testing.T) {
	ranged := func(s string, set string) bool {
		for _, r := range s {
			if strings.ContainsRune(set, r) {
				return true
			}
		}
		return false
	}
	texts := []string{"", "申", "申请"[:4], "\xe7\x94", "a\xe7\x94\xb3", "\xe7\x94\xb3", "\xe0\x80\x80无", "\xed\xa0\x80",
		"\xf0\x9f\x98\x80未", "\xe6\x9c", "\xe6\x9c\xaa", "x\xe6\x9c\xaa", "\xe6\xe6\x9c\xaa", "没有", "其他", "\xef\xbf\xbd"}
	for _, data := range seedFiles(".txt", ".md", ".html") {
		texts = append(texts, strings.Split(string(data), "\n")...)
	}
	for _, r := range demoRows(t) {
		texts = append(texts, r.text)
	}
	mentions, none := 0, 0
	for _, s := range texts {
		if got, want := mentionsStated(s), ranged(s, "申请复议诉讼规范收费"); got != want {
			t.Fatalf("mentionsStated(%q) = %v, ranging says %v", s, got, want)
		}
		if got, want := saysNone(s), ranged(s, "未没无"); got != want {
			t.Fatalf("saysNone(%q) = %v, ranging says %v", s, got, want)
		}
		mentions += boolInt(mentionsStated(s))
		none += boolInt(saysNone(s))
	}
	if mentions < 100 || none < 10 {
		t.Fatalf("%d texts mention stated figures, %d say none: the corpus was not read", mentions, none)
	}
}
