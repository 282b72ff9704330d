// Package prose measures how much of a report's prose repeats another
// report's: the 内容雷同 (copied text) that evaluators deduct points for
// when more than half of a report repeats the body's previous one.
//
// The measure is containment over character shingles: the share of the
// report's 8-character runs that also occur in the other text, after the
// template's own boilerplate sentences are dropped and every digit is
// folded to one (a report that copies last year's text with this year's
// numbers is still a copy). Fingerprints keep one shingle hash in four
// (those ≡ 0 mod 4), which estimates the share within a few points on a
// report's thousands of shingles while making each comparison a short
// merge of two sorted lists: a body against its previous year and its
// county's other bodies costs microseconds, so a million reports compare
// in well under a minute.
package prose

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// ShingleRunes is the length of a shingle: about four Chinese words.
const ShingleRunes = 8

// sampleMod keeps one shingle hash in sampleMod in a Fingerprint.
const sampleMod = 4

// minSentenceRunes is the shortest sentence that counts: headings (一、总体情况)
// and fragments say nothing about copying.
const minSentenceRunes = 12

// boilerplate matches, on a folded sentence, what the national template or
// the regulation makes every report say: the statistics period, where the
// report is published, whom to ask, the regulation it follows.
var boilerplate = []*regexp.Regexp{
	regexp.MustCompile(`统计期限|统计期间|数据统计`),
	regexp.MustCompile(`本报告.*(编制|全文|电子版|疑问|联系|下载|查阅)`),
	regexp.MustCompile(`如对本.*报告.*(疑问|意见)`),
	regexp.MustCompile(`政府信息公开条例.*(规定|要求).*(编制|发布|公布).*年度报告`),
	regexp.MustCompile(`本列数据的勾稽关系`),
}

// Sentences splits text into sentences at 。！？； and line breaks.
func Sentences(text string) []string {
	var out []string
	for s := range strings.FieldsFuncSeq(text, func(r rune) bool {
		switch r {
		case '。', '！', '？', '；', '!', '?', ';', '\n', '\r':
			return true
		}
		return false
	}) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// fold keeps the letters and digits of a sentence, every digit as '0', so
// that spacing, punctuation and this year's numbers do not hide a copy.
func fold(s string) []rune {
	out := make([]rune, 0, len(s)/3)
	for _, r := range s {
		switch {
		case r >= 0x4E00 && r <= 0x9FFF: // CJK ideographs, nearly all of a report
			out = append(out, r)
		case r < 0x80:
			switch {
			case r >= '0' && r <= '9':
				out = append(out, '0')
			case r >= 'a' && r <= 'z':
				out = append(out, r)
			case r >= 'A' && r <= 'Z':
				out = append(out, r+'a'-'A')
			}
		case unicode.IsDigit(r):
			out = append(out, '0')
		case unicode.IsLetter(r):
			out = append(out, unicode.ToLower(r))
		}
	}
	return out
}

// IsBoilerplate reports whether a sentence is the template's own wording,
// which every report repeats and which therefore proves nothing.
func IsBoilerplate(sentence string) bool { return isBoilerplate(string(fold(sentence))) }

// isBoilerplate is IsBoilerplate of a folded sentence.
func isBoilerplate(f string) bool {
	if !strings.Contains(f, "报告") && !strings.Contains(f, "统计") && !strings.Contains(f, "勾稽") {
		return false // every pattern names one of these: skip the regexps
	}
	for _, re := range boilerplate {
		if re.MatchString(f) {
			return true
		}
	}
	return false
}

// counted is the text's sentences that count: long enough and not
// boilerplate, each folded.
func counted(text string) [][]rune {
	var out [][]rune
	for _, s := range Sentences(text) {
		f := fold(s)
		if len(f) < minSentenceRunes || isBoilerplate(string(f)) {
			continue
		}
		out = append(out, f)
	}
	return out
}

// shingles appends the hash of every ShingleRunes-long run of s that keep
// accepts. The hash is a polynomial rolling hash over the runes (constant
// work per rune), mixed so that its low bits, which sampling reads, are
// uniform.
func shingles(dst []uint64, s []rune, keep func(uint64) bool) []uint64 {
	if len(s) < ShingleRunes {
		return dst
	}
	var h uint64
	for _, r := range s[:ShingleRunes] {
		h = h*rollBase + uint64(r)
	}
	for i := ShingleRunes; ; i++ {
		if v := mix(h); keep(v) {
			dst = append(dst, v)
		}
		if i == len(s) {
			return dst
		}
		h = (h-uint64(s[i-ShingleRunes])*rollOut)*rollBase + uint64(s[i])
	}
}

// rollBase is the rolling hash's base; rollOut is rollBase^(ShingleRunes-1),
// the weight of the rune leaving the window.
const rollBase = 1_000_003

var rollOut = func() uint64 {
	p := uint64(1)
	for range ShingleRunes - 1 {
		p *= rollBase
	}
	return p
}()

// mix is splitmix64's finaliser.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

func sampled(v uint64) bool { return v%sampleMod == 0 }
func every(uint64) bool     { return true }

// A Fingerprint is the sorted, distinct sampled shingle hashes of a text's
// counted sentences. Shingles do not cross sentences, so two texts that
// share sentences in another order still match.
type Fingerprint []uint64

// Of returns the fingerprint of text.
func Of(text string) Fingerprint {
	var fp []uint64
	for _, s := range counted(text) {
		fp = shingles(fp, s, sampled)
	}
	slices.Sort(fp)
	return Fingerprint(slices.Compact(fp))
}

// Containment is the share of a's shingles that occur in b: 1 when every
// counted sentence of a repeats b, 0 when none does or a has no prose.
func Containment(a, b Fingerprint) float64 { return Share(Common(a, b), a) }

// Common counts the shingles a and b share. It is symmetric: a county's
// measure counts each pair of reports once (Share gives both directions).
func Common(a, b Fingerprint) int {
	common, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			common++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return common
}

// Share is Containment of a in a fingerprint with which it has common
// shingles in common.
func Share(common int, a Fingerprint) float64 {
	if len(a) == 0 {
		return 0
	}
	return float64(common) / float64(len(a))
}

// A Passage is a sentence of one text that repeats another text.
type Passage struct {
	Text  string  // the sentence as the report prints it
	Match string  // the sentence of the other text it repeats most
	Share float64 // the share of Text's shingles found in Match
}

// Passages lists the counted sentences of a of which at least min of the
// shingles occur in one sentence of b, each with that sentence, in a's
// order: what a supervisor reads side by side. It compares every shingle
// (no sampling), so it is for two reports at a time.
func Passages(a, b string, min float64) []Passage {
	type sentence struct {
		text string
		set  map[uint64]bool
	}
	var others []sentence
	for _, s := range Sentences(b) {
		f := fold(s)
		if len(f) < ShingleRunes {
			continue
		}
		set := map[uint64]bool{}
		for _, h := range shingles(nil, f, every) {
			set[h] = true
		}
		others = append(others, sentence{s, set})
	}
	var out []Passage
	for _, s := range Sentences(a) {
		f := fold(s)
		if len(f) < minSentenceRunes || isBoilerplate(string(f)) {
			continue
		}
		hs := shingles(nil, f, every)
		best := Passage{Text: s}
		for _, o := range others {
			n := 0
			for _, h := range hs {
				if o.set[h] {
					n++
				}
			}
			if share := float64(n) / float64(len(hs)); share > best.Share {
				best.Share, best.Match = share, o.text
			}
		}
		if best.Share >= min {
			out = append(out, best)
		}
	}
	return out
}
