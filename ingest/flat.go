package ingest

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"xxgk/ingest/extract"
)

// Text flattened onto one line: crawlers and "save as text" tools keep a web
// page's body as one line, and its tables as labels and figures that follow
// each other with no separator ("…申请数量21710000218二、上年结转…"). Such a
// line is cut back into the report's parts here; the tables in it are then
// read row label by row label (flattables.go), and each row's run of digits
// split into cells by what the template demands (split.go).

// flatKind marks a row holding one whole table flattened onto one line.
type flatKind uint8

const (
	notFlat flatKind = iota
	flatProactive
	flatRequests
	flatAppeals
)

// segment is a stretch of flattened text: the words before a run of figures
// and the run itself.
type segment struct {
	label string // the text since the previous run
	run   string // digits, with the spaces, signs and decimal points among them
	unit  string // 万元 or 元 right after the run
	// itemDot is true when the run ends with a dot or 、 that numbers the
	// next label ("…0000004" "2." "其他法律…"): its last digits are the
	// next item's number.
	itemDot bool
	// after is the text right after the run (and its unit), for telling a
	// table's figure from a count in prose ("123条").
	after string
}

// segments cuts folded text into label + run pairs. Text after the last run
// is a segment with an empty run.
func segments(t string) []segment {
	var out []segment
	labelStart := 0
	for i := 0; i < len(t); {
		if !runStart(t, i) && !markerStart(t, i) {
			_, size := utf8.DecodeRuneInString(t[i:])
			i += size
			continue
		}
		j := i
		for j < len(t) {
			if isRunByte(t[j]) || thousandsComma(t, j) {
				j++
				continue
			}
			if n := markerLen(t[j:]); n > 0 {
				j += n
				continue
			}
			break
		}
		run := strings.TrimRight(t[i:j], " .")
		seg := segment{label: squeeze(t[labelStart:i]), run: run}
		rest := t[i+len(run):]
		dot := strings.TrimLeft(rest, " ")
		if strings.HasPrefix(dot, ".") || strings.HasPrefix(dot, "、") {
			seg.itemDot = true
		}
		for _, u := range []string{"万元", "元"} {
			if strings.HasPrefix(dot, u) {
				seg.unit = u
				j = i + len(run) + (len(rest) - len(dot)) + len(u)
				break
			}
		}
		seg.after = t[j:min(len(t), j+6)]
		out = append(out, seg)
		labelStart = j
		i = j
	}
	if labelStart < len(t) {
		out = append(out, segment{label: squeeze(t[labelStart:])})
	}
	return out
}

// squeeze removes the spaces of a label: flattened text keeps stray spaces
// inside labels ("三、本年度办 理结果") that the label patterns do not expect.
func squeeze(s string) string {
	if !strings.Contains(s, " ") {
		return s
	}
	return strings.ReplaceAll(s, " ", "")
}

// runStart reports whether a run of figures starts at t[i]: a digit, or a
// sign right before one.
func runStart(t string, i int) bool {
	c := t[i]
	if c >= '0' && c <= '9' {
		return true
	}
	return (c == '-' || c == '+') && i+1 < len(t) && t[i+1] >= '0' && t[i+1] <= '9'
}

// Cells printed blank run into a flattened row as their marks: "5 1 / / 1 / 7",
// "2——1". A mark is a cell of its own (0, listed blank); 无 is left out,
// being too common in running prose.

// markerLen returns the length of the blank mark s starts with, 0 if none.
func markerLen(s string) int {
	switch {
	case s == "":
		return 0
	case s[0] == '/':
		return 1
	case strings.HasPrefix(s, "—"), strings.HasPrefix(s, "–"):
		return len("—")
	}
	return 0
}

// markerStart reports a blank mark that starts a run: followed, past a
// space, by a figure or another mark ("/ 5", "//", "—0"), so that a slash in
// prose ("和/或") starts none.
func markerStart(t string, i int) bool {
	n := markerLen(t[i:])
	if n == 0 && t[i] == '-' {
		// A hyphen that is no sign: "- - 1", "--".
		n = 1
	}
	if n == 0 {
		return false
	}
	j := i + n
	if j < len(t) && t[j] == ' ' {
		j++
	}
	return j < len(t) && (t[j] >= '0' && t[j] <= '9' || markerLen(t[j:]) > 0 || t[j] == '-')
}

// hasFigure reports a run holding a figure or a blank mark.
func hasFigure(run string) bool {
	if hasDigit(run) {
		return true
	}
	for i := 0; i < len(run); i++ {
		if markerLen(run[i:]) > 0 {
			return true
		}
	}
	return strings.Trim(run, " ") == "-" || strings.Contains(run, "- ") || strings.Contains(run, "--")
}

// thousandsComma reports a comma at t[j] between digits, three after it: a
// thousands separator inside a run ("4,185").
func thousandsComma(t string, j int) bool {
	return t[j] == ',' && j > 0 && t[j-1] >= '0' && t[j-1] <= '9' && j+3 < len(t) &&
		allDigits(t[j+1:j+4])
}

func isRunByte(c byte) bool {
	return c >= '0' && c <= '9' || c == ' ' || c == '.' || c == '-' || c == '+'
}

// proseCount reports a run followed by what makes it a count or a date in a
// sentence ("123条", "2022年"), not a table cell.
func proseCount(after string) bool {
	r, _ := utf8.DecodeRuneInString(after)
	if r == '万' {
		return !strings.HasPrefix(after, "万元")
	}
	return strings.ContainsRune("条件个项次篇期人家户%年月日号余多天名场起份批亿余", r)
}

// minFlatRunes is the shortest line taken for flattened tables;
// maxFlatBytes the longest (a whole report flattened is some 100 KB).
const (
	minFlatRunes = 80
	maxFlatBytes = 2 << 20
)

// flatTable says which table a line flattens, notFlat if none: a line
// holding several row labels of one table each followed by figures.
func flatTable(t string) flatKind {
	if len(t) < minFlatRunes || !hasDigit(t) {
		return notFlat
	}
	s2, s3 := 0, 0
	for _, seg := range segments(t) {
		if seg.run == "" || !hasFigure(seg.run) || proseCount(seg.after) {
			continue
		}
		if matchLast(s3Patterns, seg.label) != "" {
			s3++
		}
		if matchLast(s2Patterns, seg.label) != "" {
			s2++
		}
	}
	switch {
	case s3 >= 3:
		return flatRequests
	case s2 >= 3 && strings.Contains(t, "第二十条"):
		return flatProactive
	case strings.Count(t, "结果维持") >= 2 && strings.Contains(t, "总计") && appealsRun(t) != "":
		return flatAppeals
	}
	return notFlat
}

// s2Runs counts the part 二 row labels in t each followed by a run of
// figures that is no count in a sentence.
func s2Runs(t string) int {
	n := 0
	for _, seg := range segments(t) {
		if seg.run != "" && hasFigure(seg.run) && !proseCount(seg.after) && matchLast(s2Patterns, seg.label) != "" {
			n++
		}
	}
	return n
}

// appealsRun returns the figures after part 四's header ("…尚未审结总计"),
// "" if none.
func appealsRun(t string) string {
	i := strings.LastIndex(t, "总计")
	if i < 0 {
		return ""
	}
	segs := segments(t[i+len("总计"):])
	if len(segs) == 0 || segs[0].label != "" || segs[0].run == "" {
		return ""
	}
	return segs[0].run
}

// Where a flattened body is cut: the numbered part headings, and the tables'
// first words where a heading is missing.
var (
	flatHeadingRe = regexp.MustCompile(`[一二三四五六七八九十]、 ?(?:` +
		`(总体情况)|` +
		`(主动公开政府信息(?:的)?情况)|` +
		`((?:收到和处理|收到和答复|受理和处理)政府信息公开申请(?:的)?情况)|` +
		`(政府信息公开(?:工作)?行政复议[^。\d]{0,12}?行政诉讼(?:的)?情况)|` +
		`(存在的?主要问题[^。\d]{0,12}?(?:情况|措施))|` +
		`(其他需要报告的事项)|` +
		`(\p{Han}{2,16}?情况))`)
	flatTableStartRe = regexp.MustCompile(`第二十条|申请人情况|行政复议 ?行政诉讼`)
)

// titleEnd returns where a report title that opens a flattened line ends,
// 0 if the line does not open with one.
func titleEnd(t string) int {
	head := t
	if len(head) > 3*maxTitle {
		head = head[:3*maxTitle]
	}
	for _, w := range []string{"工作年度报告", "年度报告", "工作年报"} {
		if i := strings.Index(head, w); i > 0 && strings.Contains(head[:i], "信息公开") {
			return i + len(w)
		}
	}
	return 0
}

// piece is a stretch of a flattened line with what it holds.
type piece struct {
	text  string
	kind  flatKind
	prose bool // a heading or prose, to be read as an ordinary line
}

// flatPieces cuts a flattened body at its part headings and table starts.
func flatPieces(t string) []piece {
	type cut struct {
		at, end int
		kind    flatKind // of what follows the cut
		heading bool
	}
	var cuts []cut
	for _, m := range flatHeadingRe.FindAllStringSubmatchIndex(t, -1) {
		c := cut{at: m[0], end: m[1], heading: true}
		switch {
		case m[4] >= 0:
			c.kind = flatProactive
		case m[6] >= 0:
			c.kind = flatRequests
		case m[8] >= 0:
			c.kind = flatAppeals
		}
		cuts = append(cuts, c)
	}
	for _, m := range flatTableStartRe.FindAllStringIndex(t, -1) {
		var k flatKind
		switch w := t[m[0]:m[1]]; {
		case w == "第二十条":
			k = flatProactive
		case w == "申请人情况":
			k = flatRequests
		default:
			k = flatAppeals
		}
		cuts = append(cuts, cut{at: m[0], end: m[0], kind: k})
	}
	sortCuts := func() {
		for i := 1; i < len(cuts); i++ {
			for j := i; j > 0 && cuts[j].at < cuts[j-1].at; j-- {
				cuts[j], cuts[j-1] = cuts[j-1], cuts[j]
			}
		}
	}
	sortCuts()
	var out []piece
	prev, kind := 0, notFlat
	// A title at the head of the line ("…2024年度政府信息公开工作年度报告本报告根据…")
	// is a line of its own.
	if end := titleEnd(t); end > 0 {
		out = append(out, piece{text: t[:end], prose: true})
		prev = end
	}
	seen := map[flatKind]bool{}
	afterProactive := false // the last heading was part 二's
	flush := func(to int) {
		if s := strings.TrimSpace(t[prev:to]); s != "" {
			k := kind
			if k == notFlat && afterProactive && !seen[flatProactive] && s2Runs(s) >= 3 {
				// Part 二's table without its 第二十条 headers.
				k = flatProactive
			}
			out = append(out, piece{text: s, kind: k, prose: k == notFlat})
		}
	}
	for _, c := range cuts {
		if c.at < prev {
			continue
		}
		// A table starts once; later mentions ("第二十条" in prose, a second
		// 申请人情况) stay inside it.
		if !c.heading && (seen[c.kind] || kind == c.kind) {
			continue
		}
		flush(c.at)
		if c.heading {
			afterProactive = c.kind == flatProactive
			out = append(out, piece{text: t[c.at:c.end], prose: true})
			prev = c.end
			kind = notFlat
			if c.kind == flatRequests || c.kind == flatAppeals {
				kind = c.kind
			}
		} else {
			prev = c.at
			kind = c.kind
		}
		if kind != notFlat {
			seen[kind] = true
		}
	}
	flush(len(t))
	return out
}

// reflowFlat replaces each flattened line of doc by the pieces it holds:
// headings and prose as ordinary lines, each table as one row marked with
// its kind. Other lines are left as they are.
func reflowFlat(lines []extract.Line, s *scratch) []row {
	lines = joinWrappedFlat(lines)
	rows := s.rowsFor(len(lines))
	scratch := &s.line
	for _, l := range lines {
		t := flatText(l)
		if t == "" || flatTable(t) == notFlat {
			rows = append(rows, splitLine(l, scratch))
			continue
		}
		for _, pc := range flatPieces(t) {
			if pc.prose || pc.kind == notFlat {
				rows = append(rows, splitLine(extract.Line{Cells: []string{pc.text}}, scratch))
				continue
			}
			rows = append(rows, row{text: pc.text, label: pc.text, cells: []string{pc.text}, firstCol: -1, flat: pc.kind})
		}
	}
	s.rows = rows // grown when a flattened line held several pieces
	return rows
}

// flatMarkers reports cells holding a word every flattened table holds
// (part 二's 第二十条, part 三's 予以公开 or 新收, part 四's 结果维持): the
// cheap test that spares the others the search for labels.
func flatMarkers(cells []string) bool {
	for _, c := range cells {
		if containsCJK(c, "予以公开") || containsCJK(c, "第二十条") || containsCJK(c, "结果维持") || containsCJK(c, "新收") {
			return true
		}
	}
	return false
}

// flatText is a line's text, folded, when it is long enough to hold a
// flattened table; "" otherwise.
func flatText(l extract.Line) string {
	n := 0
	for _, c := range l.Cells {
		n += len(c)
	}
	if n < 3*minFlatRunes || n > maxFlatBytes || !flatMarkers(l.Cells) {
		return ""
	}
	// No-break spaces separate cells as well as spaces do.
	t := strings.ReplaceAll(fold(strings.Join(l.Cells, " ")), "\u00a0", " ")
	if strings.Contains(t, "页") {
		// A page footer run into the text ("…0 0 第 3 页 共 5 页 (二)部分公开…")
		// would give a run of its own.
		t = inlineFooterRe.ReplaceAllString(t, " ")
	}
	return t
}

// inlineFooterRe matches a page footer inside flattened text: 第3页, 第 3 页
// 共 5 页, 共5页第3页. (Dashed footers, "- 3 -", read the same as blank marks
// around a figure, and are left.)
var inlineFooterRe = regexp.MustCompile(`第 ?\d{1,4} ?页(?: ?[,/]? ?共 ?\d{1,4} ?页)?|共 ?\d{1,4} ?页 ?[,/]? ?第 ?\d{1,4} ?页`)
