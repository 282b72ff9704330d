package ingest

import (
	"strings"
	"unicode/utf8"
)

// section is one of the six numbered parts of a report, plus what precedes
// part 一 (title, preamble, page chrome).
type section int

const (
	secPreamble  section = iota
	secOverview          // 一、总体情况
	secProactive         // 二、主动公开政府信息情况
	secRequests          // 三、收到和处理政府信息公开申请情况
	secAppeals           // 四、政府信息公开行政复议、行政诉讼情况
	secProblems          // 五、存在的主要问题及改进情况
	secOther             // 六、其他需要报告的事项
	numSections
)

// maxHeading is the longest line, in runes, still taken for a heading: part
// 一 prose mentions the same words ("行政复议、行政诉讼") in long sentences.
const maxHeading = 40

// classify tells whether a row starts a part, and whether the row itself is
// table content (a header) that the part's parser needs to see.
//
// Parts are recognised by what they say, never by their numbering: some
// reports number their own prose sections and restart at 一 for the tables.
func classify(r row, cur section) (sec section, content, ok bool) {
	switch r.flat {
	case flatProactive:
		return secProactive, true, true
	case flatRequests:
		return secRequests, true, true
	case flatAppeals:
		return secAppeals, true, true
	}
	t := strings.TrimLeft(r.text, "#*")
	if len(r.vals) > 0 {
		// Of a line with figures only this tells: it opens part 三's table.
		if cur < secRequests && strings.Contains(r.label, "本年新收") {
			return secRequests, true, true
		}
		return cur, false, false
	}
	// Counting runes is cheap next to the matching below; long lines skip
	// it. The punctuation of a heading is read last, only in the lines a
	// heading's words were found in (most short lines hold none).
	fits := len(t) <= 3*maxHeading && runesAtMost(t, maxHeading)
	body := stripNumbering(t)
	punct := 0 // headingPunctuation: 0 not yet read, 1 true, -1 false
	heading := func() bool {
		if punct == 0 {
			punct = -1
			if punctuatedAsHeading(body) {
				punct = 1
			}
		}
		return punct > 0
	}
	// A long line's characters cover most words' (its signature would
	// spare few searches): it is searched plainly.
	w := lineWords{t: t, plain: !fits}
	switch {
	case fits && strings.HasPrefix(body, "总体情况") && heading():
		return secOverview, false, true
	case strings.HasPrefix(body, "第二十条"):
		return secProactive, true, true
	case fits && w.has(wProactive) && w.has(wGovInfo) && endsWithSituation(t) && heading():
		return secProactive, false, true
	case fits && w.has(wReview) && w.has(wLawsuit) && endsWithSituation(t) && heading():
		return secAppeals, false, true
	case fits && (w.has(wReceived) || w.has(wAnswered) || w.has(wAccepted)) && endsWithSituation(t) && heading():
		return secRequests, false, true
	case cur < secRequests && (w.has(wApplicants) || w.has(wRelation)):
		return secRequests, true, true
	case cur >= secRequests && cur < secAppeals && (w.has(wUpheld) || w.has(wNoReview)):
		return secAppeals, true, true
	case fits && (w.has(wMainProblems) || w.has(wProblems) ||
		w.has(wMainIssues) && (w.has(wImprove) || cur == secAppeals)) && heading():
		return secProblems, false, true
	case fits && w.has(wOther) && heading():
		return secOther, false, true
	}
	return cur, false, false
}

// runesAtMost reports utf8.RuneCountInString(s) <= n, decoding only what
// is neither ASCII nor a plain three-byte character (most Chinese).
func runesAtMost(s string, n int) bool {
	if len(s) <= n {
		return true // a rune takes at least a byte
	}
	count := 0
	for i := 0; i < len(s); count++ {
		switch c := s[i]; {
		case c < utf8.RuneSelf:
			i++
		case (c >= 0xE1 && c <= 0xEC || c == 0xEE || c == 0xEF) && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			i += 3
		default:
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
	}
	return count <= n
}

// lineWords is a line's text with its rune signature, computed at the
// first search: most of the words classify looks for share a character
// with few lines, and the signature proves them absent without searching.
type lineWords struct {
	t     string
	g     runeSig
	plain bool // search without a signature
}

// word is a word classify looks for, with its signature.
type word struct {
	s string
	g runeSig
}

func newWord(s string) word { return word{s, sigOf(s)} }

func (l *lineWords) has(w word) bool {
	if l.plain {
		return containsCJK(l.t, w.s)
	}
	if l.g == 0 {
		l.g = sigOf(l.t)
	}
	return w.g&^l.g == 0 && containsCJK(l.t, w.s)
}

var (
	wProactive    = newWord("主动公开")
	wGovInfo      = newWord("政府信息")
	wReview       = newWord("行政复议")
	wLawsuit      = newWord("行政诉讼")
	wReceived     = newWord("收到和处理")
	wAnswered     = newWord("收到和答复")
	wAccepted     = newWord("受理和处理")
	wApplicants   = newWord("申请人情况")
	wRelation     = newWord("勾稽关系")
	wUpheld       = newWord("结果维持")
	wNoReview     = newWord("未经复议")
	wMainProblems = newWord("存在的主要问题")
	wProblems     = newWord("存在问题")
	wMainIssues   = newWord("主要问题")
	wImprove      = newWord("改进")
	wOther        = newWord("其他需要报告")
)

// headingPunctuation rejects lines punctuated like prose: a wrapped line of
// a sentence that lists the parts ("…总体情况、主动公开政府信息情况、…") must
// not be taken for their headings.
func headingPunctuation(t string) bool { return punctuatedAsHeading(stripNumbering(t)) }

// punctuatedAsHeading is headingPunctuation of a line's text without its
// outline number.
func punctuatedAsHeading(body string) bool {
	// One pass over the bytes: ， and ； are EF BC 8C and EF BC 9B in
	// UTF-8, 。 and 、 E3 80 82 and E3 80 81.
	commas := 0
	for i := 0; i < len(body); i++ {
		switch body[i] {
		case ',', ';':
			return false
		case 0xEF:
			if i+2 < len(body) && body[i+1] == 0xBC && (body[i+2] == 0x8C || body[i+2] == 0x9B) {
				return false
			}
		case 0xE3:
			if i+2 < len(body) && body[i+1] == 0x80 {
				switch body[i+2] {
				case 0x82:
					return false
				case 0x81:
					commas++
				}
			}
		}
	}
	return commas <= 1
}

// endsWithSituation accepts headings that end in 情况 (the template's
// wording), allowing trailing punctuation and a table caption prefix.
func endsWithSituation(t string) bool {
	t = strings.TrimRight(t, ":：。.")
	return strings.HasSuffix(t, "情况") || strings.HasSuffix(t, "情况表") || strings.HasSuffix(t, "统计表")
}

// stripNumbering removes a leading outline number: "二、", "(三)", "3.", "表二:".
func stripNumbering(t string) string {
	t = strings.TrimLeft(t, "#* ")
	// strings.TrimLeft with this cutset, without decoding ASCII and
	// without searching the cutset for every rune.
	i := 0
	for i < len(t) {
		if c := t[i]; c < utf8.RuneSelf {
			if c >= '0' && c <= '9' || c == '(' || c == ')' || c == '.' || c == ':' {
				i++
				continue
			}
			break
		}
		r, size := utf8.DecodeRuneInString(t[i:])
		switch r {
		case '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '（', '）', '、', '．', '：', '表':
			i += size
			continue
		}
		break
	}
	return t[i:]
}

// splitSections assigns every row to a part. A part starts at its heading
// or at the first table content only it has; parts normally move forward,
// but a heading may be overridden by later table content while the part it
// started has no figures yet (a prose sub-heading mistaken for a part).
func splitSections(rows []row, s *scratch) [numSections][]row {
	// The parts are decided first and filled after, all carved from one
	// buffer: rows are large, and growing the parts by appending copied
	// them over and over.
	at := make([]section, len(rows))
	heading := make([]bool, len(rows))
	var count [numSections]int
	var figures [numSections]bool
	cur := secPreamble
	for i, r := range rows {
		sec, content, ok := classify(r, cur)
		if ok && sec != cur {
			if sec > cur || !figures[cur] {
				cur = sec
			}
		}
		at[i], heading[i] = cur, ok && !content
		count[cur]++
		if !heading[i] && (r.flat != notFlat || len(r.vals) > 0 && !isNoise(r)) {
			figures[cur] = true
		}
	}
	var parts [numSections][]row
	buf := s.partsFor(len(rows))
	off := 0
	for sec, n := range count {
		if n > 0 {
			// Capped at n: a part appended to elsewhere is copied
			// rather than running into the next.
			parts[sec] = buf[off : off : off+n]
			off += n
		}
	}
	for i, r := range rows {
		if heading[i] {
			r = row{text: r.text, cells: r.cells, heading: true, firstCol: -1}
		}
		parts[at[i]] = append(parts[at[i]], r)
	}
	return parts
}
