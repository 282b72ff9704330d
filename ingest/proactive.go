package ingest

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"xxgk/ingest/schema"
)

var (
	// 公开政府信息 65 条 / 发布各类政府信息数量共计2428条: verb, object, noun, count.
	itemCountRe = regexp.MustCompile(`^(?P<pro>主动)?(?:公开|发布|公布)了?(?P<obj>[^,。;:、\d]{0,12}?)信息(?:数量|总数|数)?(?:共计|合计|总计|累计|共|达到|达|为|:)?` +
		`(?P<change>(?:同比|较上年|比上年|较去年|比去年)?(?:增加|减少|增长|下降|多|少)了?)?(?P<about>约|近|将近|超过|逾)?` +
		`(?P<num>\d[\d,]*|[〇零一二两三四五六七八九十百千万]+)(?P<more>余|多)?(?:条|件)`)
	// 主动公开 65 条信息 / 主动公开各类 65 条 / 发布的179条公安政府信息: the count before the noun.
	itemCountShortRe = regexp.MustCompile(`^(?P<pro>主动)?(?:公开|发布|公布)(?:了|的)?(?:各类|各项)?(?P<about>约|近|将近|超过|逾)?` +
		`(?P<num>\d[\d,]*|[〇零一二两三四五六七八九十百千万]+)(?P<more>余|多)?(?:条|件)(?P<noun>(?:各类|各项)?[^,。;:、\d]{0,6}?信息)?`)
	channelRe = regexp.MustCompile(`(?:通过|在|依托|利用)[^,。;]{0,15}?(?:网站|平台|公众号|微博|微信|新媒体|页面|专栏|客户端|公开栏|APP)`)
)

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// sentences is strings.FieldsFunc(s, isSentenceEnd), found by bytes: the
// ends are ASCII or the three-byte 。 (E3 80 82), ； ！ ？ (EF BC 9B, 81,
// 9F), whose lead bytes never occur inside another character.
func sentences(s string) []string {
	var out []string
	start := -1
	for i := 0; i < len(s); {
		if c := s[i]; c >= 0xE4 && c <= 0xE9 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			// A CJK ideograph, most of the text: its continuation bytes
			// are no sentence end, nor the lead of one.
			if start < 0 {
				start = i
			}
			i += 3
			continue
		}
		if !sentenceLead[s[i]] {
			if start < 0 {
				start = i
			}
			i++
			continue
		}
		n := 0 // the length of a sentence end at i
		switch c := s[i]; {
		case c == ';' || c == '!' || c == '?':
			n = 1
		case c == 0xE3 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x82:
			n = 3
		case c == 0xEF && i+2 < len(s) && s[i+1] == 0xBC && (s[i+2] == 0x9B || s[i+2] == 0x81 || s[i+2] == 0x9F):
			n = 3
		}
		if n == 0 {
			if start < 0 {
				start = i
			}
			i++
			continue
		}
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
		i += n
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// sentenceLead marks the bytes a sentence end starts with.
var sentenceLead = [256]bool{';': true, '!': true, '?': true, 0xE3: true, 0xEF: true}

func isSentenceEnd(r rune) bool {
	switch r {
	case '。', ';', '；', '!', '！', '?', '？':
		return true
	}
	return false
}

// itemCount is one statement of a number of items published.
type itemCount struct {
	value      float64
	proactive  bool // says 主动公开/主动发布
	breakdown  bool // follows 其中 in its sentence: a part of a total stated before it
	approx     bool // 余, 多, 约, 近, 超过
	words      bool // the number is written in words (四十), read only to refuse it
	cumulative bool // runs from before the year: 截至…累计, 历年累计
	change     bool // a change on the year before: 同比增加, 较上年
	channel    bool // framed by one channel (通过门户网站, 在…页面)
	text       string
}

// readProactiveItems takes proactive_items from the prose before part 二
// (FORMAT.md): one yearly total of items published, whatever verb, noun or
// channel frames it; an explicit 主动公开 count beats a total of everything
// published. Per-channel counts without a total, totals that disagree,
// cumulative, year-on-year and approximate counts leave it absent, with a
// warning quoting what was found.
func (p *parser) readProactiveItems(rows []row) {
	var all []itemCount
	var perKind string
	for _, sentence := range sentences(joinText(rows)) {
		all = append(all, itemCounts(sentence)...)
		if perKind == "" {
			perKind = proactiveKindCount(sentence)
		}
	}
	var explicit, totals []itemCount
	for _, c := range all {
		switch {
		case c.proactive:
			explicit = append(explicit, c)
		case !c.breakdown:
			totals = append(totals, c)
		}
	}
	chosen := explicit
	if len(chosen) == 0 && len(totals) > 0 && perKind != "" {
		// The prose says what was proactively published only kind by kind;
		// a count of everything published somewhere is not that total.
		p.report.warnf("proactive_items absent: part 一 gives 主动公开 counts by kind only (%s) and no total; %s is not said to be proactive",
			quote(perKind), quoteCounts(totals))
		return
	}
	if len(chosen) == 0 {
		chosen = totals
	} else if anyChannel(explicit) {
		// A count framed by one channel beside another channel's count is
		// not a total of everything: the two are per-channel counts.
		for _, t := range totals {
			if t.channel {
				chosen = append(chosen, t)
			}
		}
	}
	if len(chosen) == 0 {
		if len(rows) > 0 {
			p.report.warnf("proactive_items absent: part 一 states no count of items proactively published")
		}
		return
	}
	c := chosen[0]
	for _, o := range chosen[1:] {
		if o.value == c.value {
			continue
		}
		if allChannels(chosen) {
			p.report.warnf("proactive_items absent: part 一 gives separate counts for several channels and no total: %s", quoteCounts(chosen))
		} else {
			p.report.warnf("proactive_items absent: part 一 gives competing totals %s", quoteCounts(chosen))
		}
		return
	}
	for _, o := range chosen {
		switch {
		case o.approx || o.words:
			p.report.warnf("proactive_items absent: part 一 gives only an approximate count %s", quote(o.text))
			return
		case o.cumulative:
			p.report.warnf("proactive_items absent: part 一 gives a cumulative count %s, not the year's", quote(o.text))
			return
		case o.change:
			p.report.warnf("proactive_items absent: part 一 gives a change on the year before %s, not a count", quote(o.text))
			return
		}
	}
	p.report.Figures[schema.ProactiveItems] = c.value
}

// perKindRe finds a 主动公开 count of one kind of document rather than of
// information: 主动公开市政府规章22件.
var perKindRe = regexp.MustCompile(`主动(?:公开|发布)[^,。;:\d]{1,16}?\d+(?:条|件)`)

// proactiveKindCount returns the first per-kind 主动公开 count of a sentence
// whose noun is not information, "" if none.
func proactiveKindCount(sentence string) string {
	if !containsCJK(sentence, "主动") || !countAhead(sentence) {
		return "" // the expression needs both, and costs far more
	}
	for _, m := range perKindRe.FindAllString(sentence, -1) {
		if !strings.Contains(m, "信息") {
			return m
		}
	}
	return ""
}

func anyChannel(cs []itemCount) bool {
	for _, c := range cs {
		if c.channel {
			return true
		}
	}
	return false
}

func allChannels(cs []itemCount) bool {
	for _, c := range cs {
		if !c.channel {
			return false
		}
	}
	return true
}

// itemCounts finds the counts of published items in one sentence.
func itemCounts(sentence string) []itemCount {
	// Most sentences state no count at all; the expressions are costly.
	if !containsCJK(sentence, "公开") && !containsCJK(sentence, "发布") && !containsCJK(sentence, "公布") ||
		!countAhead(sentence) {
		return nil
	}
	var out []itemCount
	for i := 0; i < len(sentence); {
		j := verbAt(sentence, i)
		if j < 0 {
			break
		}
		start := j
		if strings.HasSuffix(sentence[:j], "主动") {
			start = j - len("主动")
		}
		if !countAhead(sentence[j:]) {
			break // no count further on: the expressions cannot match
		}
		c, end, ok := itemCountAt(sentence, start)
		if !ok || notPublishing(sentence[:start]) {
			i = j + len("公开")
			continue
		}
		c.breakdown = strings.Contains(sentence[:start], "其中")
		out = append(out, c)
		i = end
	}
	return out
}

// countAhead reports whether s holds what both count expressions end with:
// a number, in digits or in words, then perhaps 余 or 多, then 条 or 件.
// Most 条 and 件 of a report are words (条例, 文件, 案件), and the
// expressions, tried at every verb, cost far more than this scan.
func countAhead(s string) bool {
	for _, unit := range [...]string{"条", "件"} {
		for i := 0; ; {
			k := indexCJK(s[i:], unit)
			if k < 0 {
				break
			}
			before := s[:i+k]
			if r, size := utf8.DecodeLastRuneInString(before); r == '余' || r == '多' {
				before = before[:len(before)-size]
			}
			if r, _ := utf8.DecodeLastRuneInString(before); r >= '0' && r <= '9' || r == ',' || strings.ContainsRune("〇零一二两三四五六七八九十百千万", r) {
				return true
			}
			i += k + len(unit)
		}
	}
	return false
}

// notPublishing reports a verb that names a kind of information rather than
// the act of publishing it: 应主动公开的, 依申请公开, 不予公开.
func notPublishing(before string) bool {
	for _, w := range []string{"应", "依申请", "不予", "申请"} {
		if strings.HasSuffix(before, w) {
			return true
		}
	}
	return false
}

// verbAt finds the next 公开, 发布 or 公布 at or after i, -1 if none.
func verbAt(s string, i int) int {
	best := -1
	for _, v := range []string{"公开", "发布", "公布"} {
		if k := indexCJK(s[i:], v); k >= 0 && (best < 0 || i+k < best) {
			best = i + k
		}
	}
	return best
}

// itemCountAt reads a count statement starting at start, returning it and
// where it ends.
func itemCountAt(sentence string, start int) (itemCount, int, bool) {
	window := sentence[start:]
	var c itemCount
	m, re := itemCountRe.FindStringSubmatchIndex(window), itemCountRe
	if m == nil || !nounObject(named(window, m, re, "obj")) {
		m, re = itemCountShortRe.FindStringSubmatchIndex(window), itemCountShortRe
		if m == nil || !has(m, re, "pro") && (!has(m, re, "noun") || !nounObject(strings.TrimSuffix(named(window, m, re, "noun"), "信息"))) {
			return itemCount{}, 0, false
		}
	}
	c.proactive = has(m, re, "pro")
	c.approx = has(m, re, "about") || has(m, re, "more")
	c.change = re == itemCountRe && has(m, re, "change")
	num, end := named(window, m, re, "num"), m[1]
	if allDigits(strings.ReplaceAll(num, ",", "")) {
		v, err := strconv.ParseFloat(strings.ReplaceAll(num, ",", ""), 64)
		if err != nil {
			return itemCount{}, 0, false
		}
		c.value = v
	} else {
		c.words = true
	}
	clause := sentence[:start]
	if i := strings.LastIndexAny(clause, ",，"); i >= 0 {
		clause = clause[i:]
	}
	stated := clause + window[:end]
	c.text = window[:end]
	c.cumulative = cumulative(stated) && !(sinceYearStart(sentence[:start]) && !fromBeforeYear(stated))
	c.change = c.change || yearOnYear(clause)
	c.channel = channelRe.MatchString(clause) && !strings.Contains(clause, "等")
	return c, start + end, true
}

// named returns the named group of a match, "" if it took no part.
func named(s string, m []int, re *regexp.Regexp, name string) string {
	i := re.SubexpIndex(name)
	if m[2*i] < 0 {
		return ""
	}
	return s[m[2*i]:m[2*i+1]]
}

func has(m []int, re *regexp.Regexp, name string) bool { return m[2*re.SubexpIndex(name)] >= 0 }

// nounObject accepts what stands between the verb and 信息 when the count is
// of information in general (各类政府信息, 公安政府信息, 政府信息数量) and not of
// one kind of it (生态环境保护类信息, 疫情防控相关信息).
func nounObject(obj string) bool {
	for _, w := range []string{"各类", "各项", "全部"} {
		obj = strings.ReplaceAll(obj, w, "")
	}
	for _, w := range []string{"类", "相关", "等", "公开", "发布", "公布"} {
		if strings.Contains(obj, w) {
			return false
		}
	}
	return true
}

// cumulative reports a count that runs from before the year: 截至…累计,
// 历年累计. 全年累计 / 本年累计 mean the whole year and are not cumulative.
func cumulative(s string) bool {
	if fromBeforeYear(s) {
		return true
	}
	for i := 0; ; {
		k := strings.Index(s[i:], "累计")
		if k < 0 {
			return false
		}
		before := s[:i+k]
		if !strings.HasSuffix(before, "全年") && !strings.HasSuffix(before, "本年") && !strings.HasSuffix(before, "年内") &&
			!strings.HasSuffix(before, "当年") && !strings.HasSuffix(before, "今年") && !strings.HasSuffix(before, "年度") {
			return true
		}
		i += k + len("累计")
	}
}

// fromBeforeYear reports words that run a count from before the year.
func fromBeforeYear(s string) bool {
	return strings.Contains(s, "截至") || strings.Contains(s, "截止") || strings.Contains(s, "历年") || strings.Contains(s, "累计至")
}

// sinceYearStart reports a sentence that frames what follows as the year's
// ("今年以来，我局累计公开…"): its 累计 runs over the year.
func sinceYearStart(s string) bool {
	for _, w := range []string{"今年以来", "本年以来", "年初以来", "本年度", "全年"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// yearOnYear reports a change on the year before rather than a count.
func yearOnYear(s string) bool {
	for _, w := range []string{"同比", "较上年", "比上年", "较去年", "比去年", "增加", "减少", "增长", "下降"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func quoteCounts(cs []itemCount) string {
	var parts []string
	for _, c := range cs {
		parts = append(parts, quote(c.text))
	}
	return strings.Join(parts, ", ")
}
