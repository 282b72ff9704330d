package ingest

import (
	"regexp"
	"strconv"
	"strings"

	"xxgk/ingest/schema"
)

var (
	// 主动公开政府信息 65 条 / 发布各类政府信息 2428 条, anchored at a 公开 or 发布.
	itemCountRe = regexp.MustCompile(`^(主动)?(?:公开|发布)[^,。;:]{0,20}?信息[^,。;:\d]{0,3}?(约|近|超过|逾)?(\d[\d,]*)(余|多)?(?:条|件)`)
	// 主动公开 65 条信息 / 主动公开各类 65 条
	itemCountShortRe = regexp.MustCompile(`^(主动)公开(?:各类)?(?:政府)?(约|近|超过|逾)?(\d[\d,]*)(余|多)?(?:条|件)`)
	channelRe        = regexp.MustCompile(`(?:通过|在|依托|利用)[^,。;]{0,15}?(?:网站|平台|公众号|微博|微信|新媒体|页面|专栏|客户端|公开栏|APP)`)
)

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

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
	approx     bool // 余, 多, 约, 近, 超过
	cumulative bool // 累计, 截至
	channel    bool // names one channel (通过门户网站, 在…页面)
	text       string
}

// readProactiveItems takes proactive_items from the prose before part 二:
// one explicitly stated yearly total. Per-channel counts, competing totals,
// cumulative and approximate figures leave it absent, with a warning quoting
// what was found.
func (p *parser) readProactiveItems(rows []row) {
	var counts []itemCount
	for _, sentence := range strings.FieldsFunc(joinText(rows), isSentenceEnd) {
		counts = append(counts, itemCounts(sentence)...)
	}
	var stated []itemCount
	otherChannels := false
	for _, c := range counts {
		if c.proactive {
			stated = append(stated, c)
		} else if c.channel {
			otherChannels = true
		}
	}
	if len(stated) == 0 {
		switch {
		case len(counts) > 0:
			p.report.warnf("proactive_items absent: part 一 gives no count of items proactively published, only %s", quoteCounts(counts))
		case len(rows) > 0:
			p.report.warnf("proactive_items absent: part 一 states no count of items proactively published")
		}
		return
	}
	c := stated[0]
	for _, o := range stated[1:] {
		if o.value != c.value {
			p.report.warnf("proactive_items absent: part 一 gives competing totals %s", quoteCounts(stated))
			return
		}
	}
	switch {
	case c.approx:
		p.report.warnf("proactive_items absent: part 一 gives only an approximate count %s", quote(c.text))
	case c.cumulative:
		p.report.warnf("proactive_items absent: part 一 gives a cumulative count %s", quote(c.text))
	case c.channel && otherChannels:
		p.report.warnf("proactive_items absent: part 一 gives only per-channel counts %s", quoteCounts(counts))
	default:
		p.report.Figures[schema.ProactiveItems] = c.value
	}
}

// itemCounts finds the counts of published items in one sentence. Counts
// after 其中 break down a total stated before them and are not totals.
func itemCounts(sentence string) []itemCount {
	// Most sentences state no count at all; the expression is costly.
	if !strings.Contains(sentence, "公开") && !strings.Contains(sentence, "发布") ||
		!strings.Contains(sentence, "条") && !strings.Contains(sentence, "件") || !hasDigit(sentence) {
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
		c, end, ok := itemCountAt(sentence, start)
		if !ok {
			i = j + len("公开")
			continue
		}
		if !strings.Contains(sentence[:start], "其中") {
			out = append(out, c)
		}
		i = end
	}
	return out
}

// verbAt finds the next 公开 or 发布 at or after i, -1 if none.
func verbAt(s string, i int) int {
	a, b := strings.Index(s[i:], "公开"), strings.Index(s[i:], "发布")
	switch {
	case a < 0 && b < 0:
		return -1
	case a < 0 || b >= 0 && b < a:
		return i + b
	}
	return i + a
}

// itemCountAt reads a count statement starting at start, returning it and
// where it ends.
func itemCountAt(sentence string, start int) (itemCount, int, bool) {
	window := sentence[start:]
	m := itemCountShortRe.FindStringSubmatchIndex(window)
	if m == nil {
		m = itemCountRe.FindStringSubmatchIndex(window)
	}
	if m == nil {
		return itemCount{}, 0, false
	}
	g := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return window[m[2*i]:m[2*i+1]]
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(g(3), ",", ""), 64)
	if err != nil {
		return itemCount{}, 0, false
	}
	clause := sentence[:start]
	if i := strings.LastIndexAny(clause, ",，"); i >= 0 {
		clause = clause[i:]
	}
	clause += window[:m[1]]
	return itemCount{
		value:      v,
		proactive:  g(1) != "",
		approx:     g(2) != "" || g(4) != "",
		cumulative: strings.Contains(clause, "累计") || strings.Contains(clause, "截至"),
		channel:    channelRe.MatchString(clause),
		text:       window[:m[1]],
	}, start + m[1], true
}

func quoteCounts(cs []itemCount) string {
	var parts []string
	for _, c := range cs {
		parts = append(parts, quote(c.text))
	}
	return strings.Join(parts, ", ")
}
