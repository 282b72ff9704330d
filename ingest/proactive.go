package ingest

import (
	"regexp"
	"strconv"
	"strings"

	"xxgk/ingest/schema"
)

var (
	// 主动公开政府信息 65 条 / 发布各类政府信息 2428 条 / 主动公开 65 条信息
	itemCountRe = regexp.MustCompile(`(主动)?(?:公开|发布)[^,。;:]{0,20}?信息[^,。;:\d]{0,3}?(约|近|超过|逾)?(\d[\d,]*)(余|多)?(?:条|件)` +
		`|(主动)公开(?:各类)?(?:政府)?(约|近|超过|逾)?(\d[\d,]*)(余|多)?(?:条|件)`)
	channelRe  = regexp.MustCompile(`(?:通过|在|依托|利用)[^,。;]{0,15}?(?:网站|平台|公众号|微博|微信|新媒体|页面|专栏|客户端|公开栏|APP)`)
	sentenceRe = regexp.MustCompile(`[。;；!！?？]`)
)

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
	for _, sentence := range sentenceRe.Split(joinText(rows), -1) {
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
		!strings.ContainsAny(sentence, "0123456789") {
		return nil
	}
	var out []itemCount
	for _, m := range itemCountRe.FindAllStringSubmatchIndex(sentence, -1) {
		before := sentence[:m[0]]
		if strings.Contains(before, "其中") {
			continue
		}
		g := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return sentence[m[2*i]:m[2*i+1]]
		}
		proactive, approxPre, num, approxPost := g(1), g(2), g(3), g(4)
		if num == "" {
			proactive, approxPre, num, approxPost = g(5), g(6), g(7), g(8)
		}
		v, err := strconv.ParseFloat(strings.ReplaceAll(num, ",", ""), 64)
		if err != nil {
			continue
		}
		clause := before
		if i := strings.LastIndexAny(clause, ",，"); i >= 0 {
			clause = clause[i:]
		}
		clause += sentence[m[0]:m[1]]
		out = append(out, itemCount{
			value:      v,
			proactive:  proactive != "",
			approx:     approxPre != "" || approxPost != "",
			cumulative: strings.Contains(clause, "累计") || strings.Contains(clause, "截至"),
			channel:    channelRe.MatchString(clause),
			text:       sentence[m[0]:m[1]],
		})
	}
	return out
}

func quoteCounts(cs []itemCount) string {
	var parts []string
	for _, c := range cs {
		parts = append(parts, quote(c.text))
	}
	return strings.Join(parts, ", ")
}
