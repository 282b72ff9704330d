package extract

import "testing"

// TestCollapseSpaceShortcut checks that the strings collapseSpace returns
// without looking at runes are those collapseRuns would return.
func TestCollapseSpaceShortcut(t *testing.T) {
	for _, s := range []string{
		"", " ", "规章", "  规章\n", "\n\t 二、主动公开政府信息情况 \r\n", "本年新收\n政府信息", "a  b",
		"予以公开\u3000", "\u3000予以公开", "予以\u00a0公开", "予以\u200b公开", "\ufeff规章", "规章\u2028",
		"（一）予以公开、。", "规章\xff", "规章\xe5\x85", "a\x01b", "a\x7fb", "\u1680x", "x\u205fy", "12",
	} {
		if got, want := collapseSpace(s), collapseRuns(s, nil); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
}
