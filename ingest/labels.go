package ingest

import (
	"math/bits"
	"strings"
	"unicode/utf8"
)

// Labels are matched by their distinctive words, never by the whole string:
// real reports misspell them (其他法律行政止公开), split them across lines and
// cells, and prefix them with their group label.

// Match weights: a word only one row has, a word of a row that is also a
// group heading, a fragment two rows share.
const (
	weightShared = 1
	weightGroup  = 2
	weightLeaf   = 3
)

type labelPattern struct {
	key    string
	weight int
	subs   []string          // any of these substrings
	fn     func(string) bool // or this test
	// sigs holds the rune signature of each of subs (indexed): a label
	// whose signature lacks one of a sub's runes cannot contain it, which
	// spares most of the substring searches. nil: every sub is searched.
	sigs []runeSig
	// index is the index of the whole table the pattern belongs to
	// (indexed), nil if none.
	index *labelIndex
}

// runeSig is a set of runes hashed into 64 bits. A string's runes are a
// subset of the runes of any string containing it, so a missing bit proves
// a substring absent; a present one proves nothing. One word: the test is
// a single instruction, and a label of a dozen runes leaves most bits clear.
type runeSig uint64

// charKey returns a key for the character at s[i] and where the next one
// starts: the byte itself, the three bytes of a three-byte sequence (no
// need to decode it), else the rune. A substring starts at a character (its
// first byte is never a continuation byte), so the characters of s met
// from 0 include, at the substring's place, the substring's own.
func charKey(s string, i int) (key uint32, next int) {
	k := uint32(s[i])
	switch {
	case k < utf8.RuneSelf:
		return k, i + 1
	case k >= 0xE0 && k < 0xF0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
		return k<<16 | uint32(s[i+1])<<8 | uint32(s[i+2]), i + 3
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	return uint32(r) | 1<<31, i + size
}

func keyHash(k uint32) uint32 { return k * 2654435761 }

// sigOf returns the signature of s. charKey's ASCII and three-byte cases
// are written out here: as a call (charKey is too large to be inlined)
// it cost some 40 instructions a character, and sigOf reads every row.
func sigOf(s string) runeSig {
	var g runeSig
	for i := 0; i < len(s); {
		var k uint32
		switch c := s[i]; {
		case c < utf8.RuneSelf:
			k, i = uint32(c), i+1
		case c >= 0xE0 && c < 0xF0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			k, i = uint32(c)<<16|uint32(s[i+1])<<8|uint32(s[i+2]), i+3
		default:
			k, i = charKey(s, i)
		}
		g |= 1 << (keyHash(k) >> 26)
	}
	return g
}

// labelIndex finds which patterns of a table occur in a label in one pass
// over the label: each character's bucket lists the substrings that start
// with a character of that hash, and only those are compared, where they
// would start. matchAll asks it for every row of part 三: a search per
// substring, even skipped by signature, cost several thousand instructions.
type labelIndex struct {
	first   *labelPattern // the table indexed: &patterns[0], and its length
	n       int
	buckets [256][]indexedSub
	fns     []int // the patterns with a test
	// alone holds, for each pattern, bestMatch's answer when it is the
	// pattern matched at the top weight, its key the only key there.
	alone []map[string]int
}

type indexedSub struct {
	sub string
	pat int
}

// newLabelIndex indexes a table of at most 64 patterns.
func newLabelIndex(patterns []labelPattern) *labelIndex {
	x := &labelIndex{first: &patterns[0], n: len(patterns)}
	for pi, p := range patterns {
		x.alone = append(x.alone, map[string]int{p.key: p.weight})
		if p.fn != nil {
			x.fns = append(x.fns, pi)
		}
		for _, s := range p.subs {
			k, _ := charKey(s, 0)
			b := keyHash(k) >> 24
			x.buckets[b] = append(x.buckets[b], indexedSub{s, pi})
		}
	}
	return x
}

// tableIndex returns the index of patterns when it indexes exactly that
// table, nil otherwise.
func tableIndex(patterns []labelPattern) *labelIndex {
	if len(patterns) == 0 {
		return nil
	}
	if x := patterns[0].index; x != nil && x.first == &patterns[0] && x.n == len(patterns) {
		return x
	}
	return nil
}

// matched returns the set of patterns (bit i for patterns[i]) that occur
// in label.
func (x *labelIndex) matched(patterns []labelPattern, label string) uint64 {
	var m uint64
	for i := 0; i < len(label); {
		// charKey, its common cases written out as in sigOf.
		var k uint32
		var next int
		switch c := label[i]; {
		case c < utf8.RuneSelf:
			k, next = uint32(c), i+1
		case c >= 0xE0 && c < 0xF0 && i+2 < len(label) && label[i+1]&0xC0 == 0x80 && label[i+2]&0xC0 == 0x80:
			k, next = uint32(c)<<16|uint32(label[i+1])<<8|uint32(label[i+2]), i+3
		default:
			k, next = charKey(label, i)
		}
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

// holds reports whether every rune of sub may be in g.
func (g runeSig) holds(sub runeSig) bool {
	return sub&^g == 0
}

// indexed fills the signatures of patterns' subs; the pattern tables are
// built with it once.
func indexed(patterns []labelPattern) []labelPattern {
	for i := range patterns {
		p := &patterns[i]
		p.sigs = make([]runeSig, len(p.subs))
		for j, s := range p.subs {
			p.sigs[j] = sigOf(s)
		}
	}
	if len(patterns) > 0 && len(patterns) <= 64 {
		x := newLabelIndex(patterns)
		for i := range patterns {
			patterns[i].index = x
		}
	}
	return patterns
}

// may reports whether sub number j of p may occur in a label of signature g.
func (p labelPattern) may(j int, g runeSig) bool {
	return p.sigs == nil || g.holds(p.sigs[j])
}

// s3Patterns identify the rows of part 三 (keys as in schema.S3Rows).
var s3Patterns = indexed([]labelPattern{
	{key: "new", weight: weightLeaf, subs: []string{"新收"}},
	{key: "carried_in", weight: weightLeaf, subs: []string{"上年结转", "上年度结转", "上一年结转", "上一年度结转"}},
	{key: "granted", weight: weightLeaf, subs: []string{"予以公开"}},
	{key: "partial", weight: weightLeaf, subs: []string{"部分公开", "区分处理"}},
	{key: "denied.secret", weight: weightLeaf, subs: []string{"国家秘密"}},
	{key: "denied.law", weight: weightLeaf, subs: []string{"其他法律", "法规禁止", "禁止公开"}},
	{key: "denied.safety", weight: weightLeaf, subs: []string{"三安全", "一稳定", "危及"}},
	{key: "denied.third_party", weight: weightLeaf, subs: []string{"第三方"}},
	{key: "denied.internal", weight: weightLeaf, subs: []string{"内部事务"}},
	{key: "denied.process", weight: weightLeaf, subs: []string{"过程性"}},
	{key: "denied.enforcement", weight: weightLeaf, subs: []string{"执法案卷"}},
	{key: "denied.query", weight: weightLeaf, subs: []string{"行政查询", "查询事项"}},
	{key: "unavailable.not_held", weight: weightLeaf, subs: []string{"不掌握"}},
	{key: "unavailable.needs_creation", weight: weightLeaf, subs: []string{"另行制作", "没有现成"}},
	{key: "unavailable.unclear", weight: weightLeaf, subs: []string{"仍不明确", "补正后申请"}},
	{key: "rejected.complaint", weight: weightLeaf, subs: []string{"信访", "举报投诉"}},
	{key: "rejected.duplicate", weight: weightLeaf, subs: []string{"重复申请"}},
	{key: "rejected.publication", weight: weightLeaf, subs: []string{"出版物"}},
	{key: "rejected.mass", weight: weightLeaf, subs: []string{"大量反复", "大量重复"}},
	{key: "rejected.confirm", weight: weightLeaf, subs: []string{"重新出具", "确认或重", "已获取信息"}},
	{key: "other.no_correction", weight: weightLeaf, subs: []string{"不补正", "逾期不补"}},
	{key: "other.no_fee", weight: weightLeaf, subs: []string{"收费通知", "缴纳费用", "逾期未按"}},
	{key: "other.no_correction", weight: weightShared, subs: []string{"不再处理"}},
	{key: "other.no_fee", weight: weightShared, subs: []string{"不再处理"}},
	{key: "other.misc", weight: weightLeaf, fn: isBareOther},
	{key: "other", weight: weightGroup, subs: []string{"其他处理", "(六)其他"}},
	{key: "processed", weight: weightGroup, subs: []string{"(七)", "总计"}},
	{key: "carried_out", weight: weightLeaf, subs: []string{"结转下年", "下年度继续", "继续办理", "转下一年"}},
})

// s2Patterns identify the rows of part 二 (keys as in schema.S2Rows), in the
// order they are tried: 规范性文件 before 规章 would not matter, but 其他对外管理
// 服务事项 must not be taken for anything else.
var s2Patterns = indexed([]labelPattern{
	{key: "normative", subs: []string{"规范性文件"}},
	{key: "regulations", subs: []string{"规章"}},
	{key: "other_services", subs: []string{"对外管理", "其他对外", "管理服务事项"}},
	{key: "licensing", subs: []string{"行政许可"}},
	{key: "penalty", subs: []string{"行政处罚"}},
	{key: "coercion", subs: []string{"行政强制"}},
	{key: "fees", subs: []string{"事业性收费", "事业型收费", "行政收费", "收费"}},
	{key: "procurement", subs: []string{"集中采购", "政府采购", "采购"}},
})

// s4Patterns identify the groups of part 四 when a report prints them as
// separate rows or tables; the more specific groups are tried first.
var s4Patterns = indexed([]labelPattern{
	{key: "suit_after_review", subs: []string{"复议后起诉", "复议后"}},
	{key: "suit_direct", subs: []string{"未经复议", "直接起诉"}},
	{key: "review", subs: []string{"行政复议"}},
})

// matchAll returns every key whose pattern occurs in label, with the highest
// weight it matched at.
func matchAll(patterns []labelPattern, label string) map[string]int {
	var out map[string]int
	if x := tableIndex(patterns); x != nil {
		for m := x.matched(patterns, label); m != 0; m &= m - 1 {
			p := patterns[bits.TrailingZeros64(m)]
			if out == nil {
				out = map[string]int{}
			}
			if p.weight > out[p.key] {
				out[p.key] = p.weight
			}
		}
		return out
	}
	g := sigOf(label)
	for _, p := range patterns {
		if !p.matchesSig(label, g) {
			continue
		}
		if out == nil {
			out = map[string]int{}
		}
		if p.weight > out[p.key] {
			out[p.key] = p.weight
		}
	}
	return out
}

// isBareOther matches the 2021 sub-row "3.其他": 其他 alone or after an
// item number, and not the 其他 of 其他处理 or 不计其他情形.
func isBareOther(label string) bool {
	rest, ok := strings.CutSuffix(label, "其他")
	if !ok {
		return false
	}
	if rest == "" {
		return true
	}
	for _, sep := range []string{".", "、", ","} {
		if r, ok := strings.CutSuffix(rest, sep); ok && r != "" && r[len(r)-1] >= '0' && r[len(r)-1] <= '9' {
			return true
		}
	}
	return false
}

// matchesSig reports whether p occurs in a label whose signature g the
// caller computed once for all the patterns it tries.
func (p labelPattern) matchesSig(label string, g runeSig) bool {
	if p.fn != nil && p.fn(label) {
		return true
	}
	for j, s := range p.subs {
		if p.may(j, g) && strings.Contains(label, s) {
			return true
		}
	}
	return false
}

// matchOverlapping is matchAll restricted to occurrences that overlap
// label[from:to]: when a row's own label fragment is joined with the text
// around it, a match lying wholly in the borrowed text says nothing of the
// row.
func matchOverlapping(patterns []labelPattern, label string, from, to int) map[string]int {
	var out map[string]int
	add := func(p labelPattern) {
		if out == nil {
			out = map[string]int{}
		}
		if p.weight > out[p.key] {
			out[p.key] = p.weight
		}
	}
	g := sigOf(label)
	for _, p := range patterns {
		if p.fn != nil && p.fn(label) && len(label) > from {
			add(p)
			continue
		}
		for k, sub := range p.subs {
			if !p.may(k, g) {
				continue
			}
			for i := 0; ; {
				j := strings.Index(label[i:], sub)
				if j < 0 {
					break
				}
				start := i + j
				if start < to && start+len(sub) > from {
					add(p)
					break
				}
				i = start + 1
			}
		}
	}
	return out
}

// position returns where in label the pattern last occurs, -1 if nowhere.
func (p labelPattern) position(label string) int { return p.positionSig(label, sigOf(label)) }

// positionSig is position for a label of signature g.
func (p labelPattern) positionSig(label string, g runeSig) int {
	best := -1
	if p.fn != nil && p.fn(label) {
		best = len(label) - len("其他")
	}
	for j, s := range p.subs {
		if !p.may(j, g) {
			continue
		}
		if i := strings.LastIndex(label, s); i > best {
			best = i
		}
	}
	return best
}

// bestMatch is best(matchAll(patterns, label)). When one key alone is
// matched at the top weight (most labels) the answer is a map built once
// and shared by every call: the two allocations of a fresh map were the
// parser's largest source of them after the lines. The map returned must
// not be modified.
func bestMatch(patterns []labelPattern, label string) (map[string]int, int) {
	x := tableIndex(patterns)
	if x == nil {
		return best(matchAll(patterns, label))
	}
	m := x.matched(patterns, label)
	top, at := 0, -1
	for b := m; b != 0; b &= b - 1 {
		pi := bits.TrailingZeros64(b)
		if w := patterns[pi].weight; w > top {
			top, at = w, pi
		}
	}
	if top == 0 {
		return nil, 0
	}
	key := patterns[at].key
	alone := true
	for b := m; b != 0 && alone; b &= b - 1 {
		p := &patterns[bits.TrailingZeros64(b)]
		alone = p.weight != top || p.key == key
	}
	if alone {
		return x.alone[at], top
	}
	out := map[string]int{}
	for b := m; b != 0; b &= b - 1 {
		if p := &patterns[bits.TrailingZeros64(b)]; p.weight == top {
			out[p.key] = top
		}
	}
	return out, top
}

// best keeps only the keys matched at the highest weight. It prunes m in
// place (every caller passes the fresh map of matchAll or matchOverlapping):
// a copy cost an allocation per label matched.
func best(m map[string]int) (map[string]int, int) {
	top := 0
	for _, w := range m {
		top = max(top, w)
	}
	if top == 0 {
		return nil, 0
	}
	for k, w := range m {
		if w != top {
			delete(m, k)
		}
	}
	return m, top
}

// matchLast returns the key whose pattern occurs last in label: a label run
// gathered from several lines ends with the label nearest the figures.
func matchLast(patterns []labelPattern, label string) string {
	key, at := "", -1
	g := sigOf(label)
	for _, p := range patterns {
		if i := p.positionSig(label, g); i > at {
			key, at = p.key, i
		}
	}
	return key
}

// matchFirst returns the key of the first pattern, in pattern order, that
// occurs in label.
func matchFirst(patterns []labelPattern, label string) string {
	if x := tableIndex(patterns); x != nil {
		if m := x.matched(patterns, label); m != 0 {
			return patterns[bits.TrailingZeros64(m)].key
		}
		return ""
	}
	g := sigOf(label)
	for _, p := range patterns {
		if p.matchesSig(label, g) {
			return p.key
		}
	}
	return ""
}
