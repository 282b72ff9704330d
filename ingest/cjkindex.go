package ingest

import "strings"

// indexCJK is strings.Index(s, sub), faster for a sub that starts with an
// ideograph (U+4E00–U+9FFF, lead byte E4–E9: most Chinese words) in Chinese
// text. strings.Index looks for sub's first byte, and those lead bytes are
// a third of the text's bytes: it stops at nearly every character, then
// gives up on that search for a slower one. indexCJK looks instead for
// sub's third byte, a continuation byte, which only about one character in
// thirty shares, and compares sub where it would start. The first byte
// found gives the first place sub starts, so the answer is strings.Index's.
// Other words (punctuation, invisible characters, ASCII), whose first byte
// is rare in the text, are left to strings.Index.
func indexCJK(s, sub string) int {
	if len(sub) < 3 || sub[0] < 0xE4 || sub[0] > 0xE9 {
		return strings.Index(s, sub)
	}
	c := sub[2]
	for k := 2; k < len(s); k++ {
		j := strings.IndexByte(s[k:], c)
		if j < 0 {
			return -1
		}
		k += j
		p := k - 2
		if len(s)-p < len(sub) {
			return -1 // sub no longer fits: nor does it further on
		}
		if s[p:p+len(sub)] == sub {
			return p
		}
	}
	return -1
}

// containsCJK is strings.Contains(s, sub) by indexCJK.
func containsCJK(s, sub string) bool { return indexCJK(s, sub) >= 0 }
