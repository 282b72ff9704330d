package ingest

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A Stated figure is one the prose states in words that the tables also
// hold: text_vs_table compares the two. Key names the table's figure: a
// canonical key, or StatedSuits for the two lawsuit groups together.
type Stated struct {
	Key   string
	Value float64
	Quote string // the sentence that states it, as normalized
}

// StatedSuits is the key of a count of lawsuits: the table's
// s4.suit_direct.total plus s4.suit_after_review.total.
const StatedSuits = "s4.suits.total"

// Only sentences that state one plain count of the year are read: a
// figure is taken where exactly one wording below matches, the count
// follows the words directly and is written in digits, and nothing in the
// sentence makes it a change on last year, a running total from before the
// year, an approximation or a part of a combined count. Where one key is
// stated twice with different values, neither is taken. False findings
// cost a supervisor time; a missed one costs nothing the tables do not
// show.
//
// need lists words every match contains: a sentence without them is not
// run through the expression (most sentences hold none, and running the
// expressions over every sentence of part 一 was a fifth of parsing a
// generated nation's reports).
var statedPatterns = []struct {
	key  string
	need []string
	re   *regexp.Regexp
}{
	// 共收到政府信息公开申请12件 / 新收政府信息公开申请3件 / 收到依申请公开申请2件
	{"s3.new.total", []string{"申请"}, regexp.MustCompile(`(?:收到|新收|接收|接到)(?:了)?(?:各类)?(?:政府信息公开|信息公开|依申请公开(?:政府信息)?)(?:的)?申请(?:共计|合计|总计|共|为|:)?(\d+)(?:件|个|条|份)`)},
	// 共收到申请12件 (inside 依申请公开情况, where the heading says what)
	{"s3.new.total", []string{"依申请公开"}, regexp.MustCompile(`^(?:\(二\))?依申请公开(?:工作)?情况:.*?(?:共|全年)(?:收到|新收|受理)申请(\d+)(?:件|个|份)`)},
	// 发生(涉及)政府信息公开行政复议2件 / 行政复议案件1起
	{"s4.review.total", []string{"行政复议"}, regexp.MustCompile(`行政复议(?:案件|申请)?(?:共计|合计|共|为)?(\d+)(?:件|起|宗|个)`)},
	// 行政诉讼3件 / 行政诉讼案件1起
	{StatedSuits, []string{"行政诉讼"}, regexp.MustCompile(`行政诉讼(?:案件)?(?:共计|合计|共|为)?(\d+)(?:件|起|宗|个)`)},
	// 制发行政规范性文件3件
	{"s2.normative.issued", []string{"规范性文件"}, regexp.MustCompile(`(?:制发|印发|出台)(?:了)?(?:行政)?规范性文件(?:共|共计)?(\d+)(?:件|份|个)`)},
	// 行政事业性收费金额1.5万元
	{"s2.fees.amount", []string{"行政事业性收费", "万元"}, regexp.MustCompile(`行政事业性收费(?:金额|总额|共计|合计|共)?(?:为)?(\d+(?:\.\d+)?)万元`)},
}

// zeroPatterns state that none happened: 未收到政府信息公开申请, 未发生
// 政府信息公开行政复议、行政诉讼. Each begins with 未, 没有 or 无; need as in
// statedPatterns.
var zeroPatterns = []struct {
	keys []string
	need []string
	re   *regexp.Regexp
}{
	{[]string{"s3.new.total"}, []string{"申请"}, regexp.MustCompile(`(?:未|没有|无)(?:收到|接到|受理)(?:任何)?(?:政府信息公开|信息公开|依申请公开(?:政府信息)?)?(?:的)?申请`)},
	{[]string{"s4.review.total", StatedSuits}, []string{"行政复议", "行政诉讼"}, regexp.MustCompile(`(?:未|没有|无)(?:发生|出现|收到)?(?:因|涉及)?(?:政府信息公开)?(?:引起|引发|方面)?(?:的)?行政复议(?:和|、|及|或)行政诉讼`)},
	{[]string{"s4.review.total"}, []string{"行政复议"}, regexp.MustCompile(`(?:未|没有|无)(?:发生|出现|收到)(?:因|涉及)?(?:政府信息公开)?(?:引起|引发|方面)?(?:的)?行政复议(?:案件|申请)?(?:$|[,。;])`)},
	{[]string{StatedSuits}, []string{"行政诉讼"}, regexp.MustCompile(`(?:未|没有|无)(?:发生|出现)(?:因|涉及)?(?:政府信息公开)?(?:引起|引发|方面)?(?:的)?行政诉讼(?:案件)?(?:$|[,。;])`)},
}

// refusedSentence marks a sentence whose counts are not the year's plain
// count: changes on last year, running totals, approximations, several
// things counted together, plans, other bodies. It is the expression
// refusedExpr (kept as the definition, and as the oracle of its test) read
// in one pass over the sentence: the expression, tried at every position,
// was most of what reading the stated figures cost.
func refusedSentence(s string) bool {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		for _, w := range refusedWords[r] {
			if refusedAt(s, i, w) {
				return true
			}
		}
		i += n
	}
	return false
}

// refusedAt says the word w (one of refusedExpr's alternatives, `\d` and
// `.*` written as such) matches s at i.
func refusedAt(s string, i int, w string) bool {
	switch {
	case strings.HasSuffix(w, `\d`):
		w = strings.TrimSuffix(w, `\d`)
		return strings.HasPrefix(s[i:], w) && len(s) > i+len(w) && '0' <= s[i+len(w)] && s[i+len(w)] <= '9'
	case strings.Contains(w, ".*"):
		head, tail, _ := strings.Cut(w, ".*")
		if !strings.HasPrefix(s[i:], head) {
			return false
		}
		rest := s[i+len(head):]
		if nl := strings.IndexByte(rest, '\n'); nl >= 0 { // . does not match a newline
			rest = rest[:nl]
		}
		return strings.Contains(rest, tail)
	}
	return strings.HasPrefix(s[i:], w)
}

// refusedExpr is what refusedSentence matches.
const refusedExpr = `同比|较上年|比上年|较去年|比去年|上年度|上一年|增长|下降|增加|减少|截至|截止|历年|累计至|余件|多件|余起|余个|约|近\d|超过|以上|以下|各\d|分别|共同|合计.*和|下一步|计划|将|力争|是否|如有|转办|转交|指导|督促|各乡镇|各街道|各单位|各部门|含上年|含结转|包括上年|包含上年`

// refusedWords holds refusedExpr's alternatives by their first character.
var refusedWords = func() map[rune][]string {
	m := map[rune][]string{}
	for _, w := range strings.Split(refusedExpr, "|") {
		r, _ := utf8.DecodeRuneInString(w)
		m[r] = append(m[r], w)
	}
	return m
}()

// statedFigures reads the figures stated in part 一 (requests, appeals,
// normative documents, fees) and part 六 (fees).
func statedFigures(overview, other []row) []Stated {
	found := map[string][]Stated{}
	var order []string
	add := func(s Stated) {
		if _, ok := found[s.Key]; !ok {
			order = append(order, s.Key)
		}
		found[s.Key] = append(found[s.Key], s)
	}
	for _, rows := range [][]row{overview, other} {
		for _, sentence := range sentences(joinText(rows)) {
			for _, s := range sentenceFigures(sentence) {
				add(s)
			}
		}
	}
	var out []Stated
	for _, k := range order {
		ss := found[k]
		agree := true
		for _, s := range ss[1:] {
			agree = agree && s.Value == ss[0].Value
		}
		if agree {
			out = append(out, ss[0])
		}
	}
	return out
}

// sentenceFigures reads one sentence (normalized: half-width punctuation,
// no spaces).
func sentenceFigures(sentence string) []Stated {
	if !mentionsStated(sentence) {
		return nil
	}
	var out []Stated
	seen := map[string]bool{}
	if saysNone(sentence) {
		for _, p := range zeroPatterns {
			if !containsAll(sentence, p.need) {
				continue
			}
			m := p.re.FindStringIndex(sentence)
			if m == nil || refusedZero(sentence) || strings.HasSuffix(sentence[m[0]:m[1]], "申请") && notApplication(sentence[m[1]:]) {
				continue
			}
			for _, k := range p.keys {
				if !seen[k] {
					seen[k] = true
					out = append(out, Stated{Key: k, Value: 0, Quote: sentence})
				}
			}
		}
	}
	// Every count is in digits: a sentence without one states none.
	if !strings.ContainsAny(sentence, "0123456789") {
		return out
	}
	refused := -1 // refusedSentence matched: 1, did not: 0, not yet run: -1
	for _, p := range statedPatterns {
		if seen[p.key] || !containsAll(sentence, p.need) {
			continue
		}
		if refused < 0 {
			refused = boolInt(refusedSentence(sentence))
		}
		if refused == 1 {
			return out
		}
		ms := p.re.FindAllStringSubmatchIndex(sentence, -1)
		if len(ms) != 1 {
			continue
		}
		m := ms[0]
		if p.key == StatedSuits && (combinedWithReview(sentence[:m[0]]) || oneKindOfSuit(sentence[:m[0]])) ||
			p.key == "s4.review.total" && strings.HasPrefix(sentence[m[1]:], "和") {
			continue
		}
		v, err := strconv.ParseFloat(sentence[m[2]:m[3]], 64)
		if err != nil || leadingZero(sentence[m[2]:m[3]]) {
			continue
		}
		seen[p.key] = true
		out = append(out, Stated{Key: p.key, Value: v, Quote: sentence})
	}
	return out
}

// refusedZero keeps a "none" statement about something else: a plan (将,
// 力争), a condition (如有), or no requests of one kind only (未收到法人…).
func refusedZero(sentence string) bool {
	return strings.Contains(sentence, "力争") || strings.Contains(sentence, "如有") || strings.Contains(sentence, "确保") ||
		strings.Contains(sentence, "法人") || strings.Contains(sentence, "企业") || strings.Contains(sentence, "其中")
}

// combinedWithReview says a lawsuit count is one count of reconsiderations
// and lawsuits together: 行政复议和行政诉讼共3件.
func combinedWithReview(before string) bool {
	return strings.HasSuffix(before, "复议和") || strings.HasSuffix(before, "复议、") ||
		strings.HasSuffix(before, "复议及") || strings.HasSuffix(before, "复议或") || strings.HasSuffix(before, "复议与")
}

// oneKindOfSuit says a lawsuit count is of one group only (复议后起诉,
// 直接起诉), not of all lawsuits.
func oneKindOfSuit(before string) bool {
	if len(before) > 24 {
		before = before[len(before)-24:]
	}
	return strings.Contains(before, "复议后") || strings.Contains(before, "直接") || strings.Contains(before, "未经")
}

func leadingZero(digits string) bool { return len(digits) > 1 && digits[0] == '0' }

// notApplication says 申请 just matched is a word about something else:
// 申请人 (the applicant), 申请书, 申请表.
func notApplication(after string) bool {
	return strings.HasPrefix(after, "人") || strings.HasPrefix(after, "书") || strings.HasPrefix(after, "表")
}

// containsAll says s contains every one of words.
func containsAll(s string, words []string) bool {
	for _, w := range words {
		if !containsCJK(s, w) {
			return false
		}
	}
	return true
}

// mentionsStated is strings.ContainsAny(s, "申请复议诉讼规范收费"), which
// with a set of CJK characters searches the set once per character of s
// (6 % of parsing a text report).
func mentionsStated(s string) bool {
	for i := 0; i+2 < len(s); i++ {
		if s[i] < 0xE0 {
			continue // ASCII, or inside a character
		}
		switch char3(s, i) {
		case '申', '请', '复', '议', '诉', '讼', '规', '范', '收', '费':
			return true
		}
	}
	return false
}

// char3 returns the three-byte character at s[i] (lead byte E0–EF, two
// continuation bytes), -1 if there is none. Looking for three-byte
// characters this way finds exactly those ranging over s yields, without
// decoding the others: a lead byte is never a continuation byte, so each
// stands where a character starts. (Overlong and surrogate forms give
// runes no caller looks for.)
func char3(s string, i int) rune {
	c, b1, b2 := s[i], s[i+1], s[i+2]
	if c < 0xE0 || c >= 0xF0 || b1&0xC0 != 0x80 || b2&0xC0 != 0x80 {
		return -1
	}
	return rune(c&0x0F)<<12 | rune(b1&0x3F)<<6 | rune(b2&0x3F)
}

// saysNone is strings.ContainsAny(s, "未没无"): every zero pattern begins
// with 未, 没有 or 无.
func saysNone(s string) bool {
	for i := 0; i+2 < len(s); i++ {
		if s[i] < 0xE0 {
			continue
		}
		switch char3(s, i) {
		case '未', '没', '无':
			return true
		}
	}
	return false
}
