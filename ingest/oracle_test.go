package ingest

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"xxgk/ingest/extract"
	"xxgk/ingest/schema"
)

// demoLines returns the lines of every document of the demo corpus, read
// once.
var demoLines = func() func(testing.TB) []extract.Line {
	var once sync.Once
	var lines []extract.Line
	var err error
	return func(tb testing.TB) []extract.Line {
		once.Do(func() {
			files, _ := filepath.Glob("../fixtures/demo/reports/*/*/*")
			for _, name := range files {
				var doc *extract.Document
				if doc, err = extract.ReadFile(name); err != nil {
					return
				}
				lines = append(lines, doc.Lines...)
			}
		})
		if err != nil {
			tb.Fatal(err)
		}
		return lines
	}
}()

// demoRows returns the rows of every line of the demo corpus, split once.
var demoRows = func() func(testing.TB) []row {
	var once sync.Once
	var rows []row
	return func(tb testing.TB) []row {
		lines := demoLines(tb)
		once.Do(func() {
			var scratch lineWork
			for _, l := range lines {
				rows = append(rows, splitLine(l, &scratch))
			}
		})
		return slices.Clone(rows)
	}
}()

// TestClassifyIsPlainSearch: classify, skipping searches by signature and
// lines with figures early, says what the plain searches said, for every
// line of the demo corpus, the test reports and ../shared/corpus, in every
// part, and on the edges of its words.
func TestClassifyIsPlainSearch(t *testing.T) {
	rows := demoRows(t)
	var scratch lineWork
	for _, data := range seedFiles(".txt", ".md", ".html") {
		for _, line := range strings.Split(string(data), "\n") {
			rows = append(rows, splitLine(extract.Line{Cells: strings.Split(line, "\t")}, &scratch))
		}
	}
	for _, s := range []string{"", "#", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况：", "（四）行政复议、行政诉讼情况表",
		"五、存在的主要问题及改进情况", "主要问题", "主要问题和改进", "六、其他需要报告的事项", "一、总体情况", "第二十条第（一）项",
		"申请人情况", "勾稽关系", "结果维持", "未经复议直接起诉", "受理和处理情况", "收到和答复情况统计表", "存在问题",
		// The words of a heading in a line punctuated like prose.
		"一、总体情况，本机关", "主动公开政府信息、依申请公开、行政复议情况", "行政复议、行政诉讼、申请情况",
		"收到和处理申请。情况", "存在的主要问题，改进", "其他需要报告的事项；无"} {
		rows = append(rows, row{text: s}, row{text: s, label: s, vals: []value{{num: 1}}})
	}
	rows = append(rows, row{text: "本年新收", label: "本年新收", vals: []value{{num: 1}}})
	headings := 0
	seen := map[string]bool{} // the demo's reports share most of their lines
	for _, r := range rows {
		key := fmt.Sprint(r.text, "\x00", r.label, "\x00", len(r.vals) > 0, r.flat)
		if seen[key] {
			continue
		}
		seen[key] = true
		for cur := secPreamble; cur < numSections; cur++ {
			sec, content, ok := classify(r, cur)
			wsec, wcontent, wok := classifyPlain(r, cur)
			if sec != wsec || content != wcontent || ok != wok {
				t.Fatalf("classify(%q, %d) = %d, %v, %v; the plain searches say %d, %v, %v", r.text, cur, sec, content, ok, wsec, wcontent, wok)
			}
			headings += boolInt(ok)
		}
	}
	if headings < 100 {
		t.Errorf("only %d headings among %d lines: the check checks little", headings, len(rows))
	}
}

// classifyPlain is classify as it was before signatures: the oracle.
// It is kept verbatim.
func classifyPlain(r row, cur section) (sec section, content, ok bool) {
	switch r.flat {
	case flatProactive:
		return secProactive, true, true
	case flatRequests:
		return secRequests, true, true
	case flatAppeals:
		return secAppeals, true, true
	}
	t := strings.TrimLeft(r.text, "#*")
	hasVals := len(r.vals) > 0
	// Counting runes is cheap next to the matching below; long lines skip it.
	short := len(t) <= 3*maxHeading && utf8.RuneCountInString(t) <= maxHeading && headingPunctuation(t)
	if !short && hasVals && cur >= secRequests {
		return cur, false, false
	}
	body := ""
	if !hasVals {
		body = stripNumbering(t)
	}
	switch {
	case !hasVals && short && strings.HasPrefix(body, "总体情况"):
		return secOverview, false, true
	case !hasVals && strings.HasPrefix(body, "第二十条"):
		return secProactive, true, true
	case !hasVals && short && strings.Contains(t, "主动公开") && strings.Contains(t, "政府信息") && endsWithSituation(t):
		return secProactive, false, true
	case !hasVals && short && strings.Contains(t, "行政复议") && strings.Contains(t, "行政诉讼") && endsWithSituation(t):
		return secAppeals, false, true
	case !hasVals && short && (strings.Contains(t, "收到和处理") || strings.Contains(t, "收到和答复") ||
		strings.Contains(t, "受理和处理")) && endsWithSituation(t):
		return secRequests, false, true
	case !hasVals && cur < secRequests && (strings.Contains(t, "申请人情况") || strings.Contains(t, "勾稽关系")):
		return secRequests, true, true
	case hasVals && cur < secRequests && strings.Contains(r.label, "本年新收"):
		return secRequests, true, true
	case !hasVals && cur >= secRequests && cur < secAppeals && (strings.Contains(t, "结果维持") || strings.Contains(t, "未经复议")):
		return secAppeals, true, true
	case !hasVals && short && (strings.Contains(t, "存在的主要问题") || strings.Contains(t, "存在问题") ||
		strings.Contains(t, "主要问题") && (strings.Contains(t, "改进") || cur == secAppeals)):
		return secProblems, false, true
	case !hasVals && short && strings.Contains(t, "其他需要报告"):
		return secOther, false, true
	}
	return cur, false, false
}

// TestRunesAtMost: runesAtMost is utf8.RuneCountInString(s) <= n, on
// Chinese, ASCII, four-byte and invalid bytes, either side of n.
func TestRunesAtMost(t *testing.T) {
	for _, s := range []string{"", "a", "字", "主动公开政府信息情况", strings.Repeat("字", 40), strings.Repeat("字", 41), "\xe3\x80", "\xff\xfe字",
		"\xed\xa0\x80", "\xe0\x80\x80", "\U0001F600字", strings.Repeat("a字\xff", 20), "é" + strings.Repeat("字", 39)} {
		for n := 0; n <= 45; n++ {
			if got, want := runesAtMost(s, n), utf8.RuneCountInString(s) <= n; got != want {
				t.Errorf("runesAtMost(%q, %d) = %v, want %v", s, n, got, want)
			}
		}
	}
}

// TestSortKeysIsLess: sortKeys orders keys as sorting by schema.Less does,
// known keys in report order and unknown ones after, by name.
func TestSortKeysIsLess(t *testing.T) {
	keys := append(schema.AllKeys(), "zz.unknown", "a.unknown", "s3.unknown.total")
	for seed := range 20 {
		rng := rand.New(rand.NewPCG(uint64(seed), 1))
		got := slices.Clone(keys)
		rng.Shuffle(len(got), func(i, j int) { got[i], got[j] = got[j], got[i] })
		got = got[:1+rng.IntN(len(got))]
		want := slices.Clone(got)
		sort.Slice(want, func(i, j int) bool { return schema.Less(want[i], want[j]) })
		sortKeys(got)
		if !slices.Equal(got, want) {
			t.Fatalf("sortKeys = %v, want %v", got, want)
		}
	}
}

// TestIsNoiseIsItsExpression: isNoise, which tries footerRe only on text
// starting as it requires, says what the expression says, on every line
// of the demo corpus and on footers.
func TestIsNoiseIsItsExpression(t *testing.T) {
	rows := demoRows(t)
	var scratch lineWork
	for _, s := range []string{"-3-", "—12—", "–7–", "第3页", "第3页共9页", "3/9", "12", "页", "第", "-", "—", "a-3-"} {
		rows = append(rows, splitLine(extract.Line{Cells: []string{s}}, &scratch))
	}
	noise := 0
	for _, r := range rows {
		want := r.text == "" && len(r.vals) == 0 || len(r.vals) <= 3 && len(r.text) <= 24 && footerRe.MatchString(r.text)
		if got := isNoise(r); got != want {
			t.Fatalf("isNoise(%q) = %v, the expression says %v", r.text, got, want)
		}
		noise += boolInt(want)
	}
	if noise < 5 {
		t.Errorf("only %d noise lines: the check checks little", noise)
	}
}

// orgSuffixRe is the expression hasOrgSuffix replaced.
var orgSuffixRe = regexp.MustCompile(`(人民政府|政府|镇|乡|街道|办事处|委员会|管委会|委|局|厅|办公室|办|区|县|市|处|中心|公司|院)$`)

// TestHasOrgSuffixIsItsExpression: hasOrgSuffix says what orgSuffixRe said,
// on every line of the demo corpus and the seed files, on every tail of
// those lines that ends where a line did, and on the suffixes' edges.
func TestHasOrgSuffixIsItsExpression(t *testing.T) {
	var texts []string
	for _, r := range demoRows(t) {
		texts = append(texts, r.text)
	}
	for _, data := range seedFiles(".txt", ".md", ".html") {
		texts = append(texts, strings.Split(string(data), "\n")...)
	}
	for _, s := range orgSuffixes {
		texts = append(texts, s, "某"+s, s+"某", s+" ", s+"\n", s[:len(s)-1], "某"+s[1:])
	}
	texts = append(texts, "", "管委", "员会", "人民", "公", "中")
	matched := 0
	for _, s := range texts {
		want := orgSuffixRe.MatchString(s)
		if got := hasOrgSuffix(s); got != want {
			t.Fatalf("hasOrgSuffix(%q) = %v, the expression says %v", s, got, want)
		}
		matched += boolInt(want)
	}
	if matched < 100 {
		t.Errorf("only %d of %d texts end as a name: the check checks little", matched, len(texts))
	}
}

// TestBestMatchIsBestOfMatchAll: bestMatch, sharing one map per pattern when
// one key alone is matched at the top weight, answers what best(matchAll)
// answers, for every label and text of the demo corpus and the seed files,
// every row's label joined to the line's above (as requestLabel joins them), in each
// pattern table; and the shared maps are left as they were built.
func TestBestMatchIsBestOfMatchAll(t *testing.T) {
	rows := demoRows(t)
	var scratch lineWork
	for _, data := range seedFiles(".txt", ".md", ".html") {
		for _, line := range strings.Split(string(data), "\n") {
			rows = append(rows, splitLine(extract.Line{Cells: strings.Split(line, "\t")}, &scratch))
		}
	}
	labels := map[string]bool{"": true, "其他处理不再处理": true, "(七)总计": true, "不补正不再处理收费通知": true}
	for i, r := range rows {
		labels[r.label], labels[r.text] = true, true
		if i > 0 && len(r.vals) > 0 {
			labels[rows[i-1].label+r.label] = true
		}
	}
	shared, several := 0, 0
	for name, patterns := range map[string][]labelPattern{"s2": s2Patterns, "s3": s3Patterns, "s4": s4Patterns} {
		for l := range labels {
			got, gw := bestMatch(patterns, l)
			want, ww := best(matchAll(patterns, l))
			if gw != ww || !maps.Equal(got, want) || (got == nil) != (want == nil) {
				t.Fatalf("%s: bestMatch(%q) = %v, %d; best(matchAll) = %v, %d", name, l, got, gw, want, ww)
			}
			if x := tableIndex(patterns); x != nil && len(got) == 1 {
				shared += boolInt(slices.ContainsFunc(x.alone, func(m map[string]int) bool {
					return reflect.ValueOf(m).Pointer() == reflect.ValueOf(got).Pointer()
				}))
			}
			several += boolInt(len(got) > 1)
		}
	}
	for _, patterns := range [][]labelPattern{s2Patterns, s3Patterns, s4Patterns} {
		for i, m := range tableIndex(patterns).alone {
			if p := patterns[i]; len(m) != 1 || m[p.key] != p.weight {
				t.Fatalf("the shared answer of pattern %q was modified: %v", p.key, m)
			}
		}
	}
	if shared < 100 || several == 0 {
		t.Fatalf("%d labels answered by a shared map, %d by several keys: the corpus was not read", shared, several)
	}
}

// gatherRowsBuilder is gatherRows as it was, its label runs joined in a
// builder: the oracle of TestGatherRowsIsBuilder.
func gatherRowsBuilder(rows []row, maxVals int) []valueRow {
	var out []valueRow
	var hint strings.Builder
	open := -1
	for _, r := range rows {
		if r.heading {
			hint.Reset()
			open = -1
			continue
		}
		if isNoise(r) {
			continue
		}
		if len(r.vals) == 0 {
			if hint.Len() == 0 && len(out) > 0 {
				out[len(out)-1].next = r.label
			}
			hint.WriteString(r.label)
			open = -1
			continue
		}
		single := len(r.vals) == 1 && r.label == ""
		if single && open >= 0 && len(out[open].vals) < maxVals {
			out[open].vals = append(out[open].vals, r.vals...)
			out[open].merged = true
			continue
		}
		out = append(out, valueRow{row: r, hint: hint.String()})
		hint.Reset()
		open = -1
		if single || (r.label == "" && len(r.vals) < maxVals) || (len(r.vals) == 1 && r.label != "") {
			open = len(out) - 1
		}
	}
	return out
}

// TestGatherRowsIsBuilder: gatherRows, returning a run of one label as it
// is, gathers the rows of the demo corpus and the seed files, in windows of
// 40 lines (a part's size), as the builder did; and runs of several labels,
// empty ones among them, are joined as the builder joined them.
func TestGatherRowsIsBuilder(t *testing.T) {
	rows := demoRows(t)
	var scratch lineWork
	for _, data := range seedFiles(".txt", ".md", ".html") {
		for _, line := range strings.Split(string(data), "\n") {
			rows = append(rows, splitLine(extract.Line{Cells: strings.Split(line, "\t")}, &scratch))
		}
	}
	label := func(s string) row { return row{text: s, label: s} }
	withVals := func(s string) row { return row{text: s + "1", label: s, vals: []value{{num: 1, raw: "1"}}} }
	rows = append(rows, label("甲"), label(""), label("乙"), label("丙"), withVals("丁"), label(""), withVals(""),
		row{heading: true, text: "三、"}, label("戊"), withVals(""), withVals(""))
	several := 0
	for start := 0; start < len(rows); start += 40 {
		part := rows[start:min(start+40, len(rows))]
		got, want := gatherRows(part, s3Width+1, nil), gatherRowsBuilder(part, s3Width+1)
		if (len(got) > 0 || len(want) > 0) && !reflect.DeepEqual(got, want) {
			t.Fatalf("rows %d…: gatherRows gives %+v, the builder %+v", start, got, want)
		}
		for _, vr := range got {
			several += boolInt(strings.Count(vr.hint, "、") > 1)
		}
	}
	if several == 0 {
		t.Fatal("no hint joined several labels: the corpus was not read")
	}
}

// sigByCharKey is sigOf as it was before charKey's common cases were
// written out in it.
func sigByCharKey(s string) runeSig {
	var g runeSig
	for i := 0; i < len(s); {
		var k uint32
		k, i = charKey(s, i)
		g |= 1 << (keyHash(k) >> 26)
	}
	return g
}

// matchedByCharKey is labelIndex.matched as it was, with charKey called.
func matchedByCharKey(x *labelIndex, patterns []labelPattern, label string) uint64 {
	var m uint64
	for i := 0; i < len(label); {
		k, next := charKey(label, i)
		for _, c := range x.buckets[keyHash(k)>>24] {
			if m&(1<<c.pat) == 0 && strings.HasPrefix(label[i:], c.sub) {
				m |= 1 << c.pat
			}
		}
		i = next
	}
	for _, pi := range x.fns {
		if m&(1<<pi) == 0 && patterns[pi].fn(label) {
			m |= 1 << pi
		}
	}
	return m
}

// TestCharKeyWrittenOut: sigOf and matched, charKey's cases written out in
// them, answer what they answered through charKey, for every label and text
// of the demo corpus and the seed files, and for every string of up to
// three bytes drawn from leads, continuations and ASCII (truncated, overlong
// and invalid sequences among them) put before and after an ideograph.
func TestCharKeyWrittenOut(t *testing.T) {
	texts := []string{"", "其他法律行政法规禁止公开", "(七)总计", "é①𠀀\uFFFD"}
	for _, r := range demoRows(t) {
		texts = append(texts, r.label, r.text)
	}
	for _, data := range seedFiles(".txt", ".md", ".html") {
		texts = append(texts, strings.Split(string(data), "\n")...)
	}
	bytesOf := []byte{'a', '7', 0x80, 0xBF, 0xC3, 0xE0, 0xE4, 0xED, 0xEF, 0xF0, 0xFF}
	for _, a := range bytesOf {
		for _, b := range bytesOf {
			for _, c := range bytesOf {
				for _, s := range []string{string([]byte{a}), string([]byte{a, b}), string([]byte{a, b, c})} {
					texts = append(texts, s, s+"公开", "公开"+s)
				}
			}
		}
	}
	matched := 0
	seen := map[string]bool{} // the demo's reports share most of their lines
	for _, s := range texts {
		if seen[s] {
			continue
		}
		seen[s] = true
		if got, want := sigOf(s), sigByCharKey(s); got != want {
			t.Fatalf("sigOf(%q) = %x, through charKey %x", s, got, want)
		}
		for _, patterns := range [][]labelPattern{s2Patterns, s3Patterns, s4Patterns} {
			x := tableIndex(patterns)
			got, want := x.matched(patterns, s), matchedByCharKey(x, patterns, s)
			if got != want {
				t.Fatalf("matched(%q) = %b, through charKey %b", s, got, want)
			}
			matched += boolInt(got != 0)
		}
	}
	if matched < 1000 {
		t.Errorf("only %d texts match a pattern: the check checks little", matched)
	}
}

// TestNextDigitIsScan: nextDigit finds the first ASCII digit from every
// offset as a byte-by-byte scan does, in strings holding every byte value
// at every place of an eight-byte word (the bytes around '0' and '9', and
// those with the high bit set, above all).
func TestNextDigitIsScan(t *testing.T) {
	scan := func(s string, from int) int {
		for i := from; i < len(s); i++ {
			if s[i] >= '0' && s[i] <= '9' {
				return i
			}
		}
		return -1
	}
	check := func(s string) {
		t.Helper()
		for from := 0; from <= len(s); from++ {
			if got, want := nextDigit(s, from), scan(s, from); got != want {
				t.Fatalf("nextDigit(%q, %d) = %d, want %d", s, from, got, want)
			}
		}
	}
	filler := "丹朱镇abcd/:;全年"
	for b := range 256 {
		for at := range 17 {
			s := []byte(filler)
			s = append(s[:at%len(s)], append([]byte{byte(b)}, s[at%len(s):]...)...)
			check(string(s))
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		s := make([]byte, r.IntN(40))
		for i := range s {
			s[i] = byte(r.IntN(256))
		}
		check(string(s))
	}
}

// flatPieceByScan is flatPiece as it read every byte, the oracle of
// TestFlatPieceIsByteScan.
func flatPieceByScan(l extract.Line) bool {
	if !oneCell(l) {
		return false
	}
	s := l.Cells[0]
	for i := 0; i+1 < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			continue
		}
		j := i + 1
		if s[j] == ' ' {
			j++
		}
		if j < len(s) && (s[j] == '.' || strings.HasPrefix(s[j:], "、")) {
			if !afterFigure(s, i) {
				continue
			}
			if s[j] == '.' {
				j++
			} else {
				j += len("、")
			}
		}
		if j >= len(s) {
			return false
		}
		r, _ := utf8.DecodeRuneInString(s[j:])
		if r == '（' || r == '(' || r >= 0x4E00 && r <= 0x9FFF && !proseCount(s[j:]) {
			return true
		}
	}
	return false
}

// TestFlatPieceIsByteScan: flatPiece answers as its byte-by-byte scan did
// on every line of the demo corpus and of the flattened and damaged cases.
func TestFlatPieceIsByteScan(t *testing.T) {
	lines := demoLines(t)
	cases, _ := filepath.Glob("testdata/damaged/*.txt")
	more, _ := filepath.Glob("testdata/tables/flat-*.txt")
	for _, f := range append(cases, more...) {
		doc, err := extract.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(slices.Clip(lines), doc.Lines...)
	}
	pieces := 0
	for _, l := range lines {
		got, want := flatPiece(l), flatPieceByScan(l)
		if got != want {
			t.Fatalf("flatPiece(%q) = %v, want %v", l.Cells, got, want)
		}
		if got {
			pieces++
		}
	}
	if pieces == 0 {
		t.Fatal("no line of the corpora is a flattened piece: the test compares nothing")
	}
}
