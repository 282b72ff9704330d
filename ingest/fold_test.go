package ingest

import (
	"strings"
	"testing"

	"xxgk/ingest/extract"
)

func TestPlainPrefix(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"", 0},
		{"abc 12", 6},
		{"予以公开12", 14},
		{"一", 3},         // U+4E00, the first ideograph kept as is
		{"鿿x", 4},        // U+9FFF, the last
		{"㐀", 0},         // U+3400, before the range (lead byte e3)
		{"䷀", 0},         // U+4DC0, lead byte e4 below b8
		{"规章１２", 6},      // full-width digits stop the prefix
		{"a\xe5\x85", 1}, // a truncated ideograph stops it
		{"a\xe5\x85z", 1},
	} {
		if got := plainPrefix(tc.in); got != tc.want {
			t.Errorf("plainPrefix(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"予以公开 12", "予以公开 12"},
		{"（一）予以公开１２", "(一)予以公开12"},
		{"规章\u3000３", "规章 3"},
		{"①件", "1件"},
		{"总计\ufe5912", "总计(12"},
		{"规章\xff", "规章\xff"}, // invalid bytes pass through the normaliser
		{"三、本年度办理结果（一）予以公开", "三、本年度办理结果(一)予以公开"},
		{"二、主动公开政府信息情况②", "二、主动公开政府信息情况2"},
		{"二、主动公开政府信息情况", "二、主动公开政府信息情况"},
		{"（二）　规章：１２件", "(二) 规章:12件"},
		{"ａ", "a"},
		{"规章\u3000", "规章 "},
		{"、。", "、。"},
		{"（一）\xff", "(一)\xff"}, // to the normaliser, as for any invalid byte
	} {
		if got := fold(tc.in); got != tc.want {
			t.Errorf("fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
		var a extract.Arena
		a.Copy("before")
		if got := foldIn(tc.in, &a); got != tc.want {
			t.Errorf("foldIn(%q) into an arena = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestFoldInIsFold: every cell of the demo corpus and the seed files folds
// into one shared arena as fold folds it alone, the strings of the cells
// folded before left as they were.
func TestFoldInIsFold(t *testing.T) {
	var cells []string
	for _, l := range demoLines(t) {
		cells = append(cells, l.Cells...)
	}
	for _, data := range seedFiles(".txt", ".md", ".html") {
		cells = append(cells, strings.Split(string(data), "\n")...)
	}
	var a extract.Arena
	got := make([]string, len(cells))
	copied := 0
	for i, c := range cells {
		got[i] = foldIn(c, &a)
		copied += boolInt(got[i] != c)
	}
	for i, c := range cells {
		if want := fold(c); got[i] != want {
			t.Fatalf("foldIn(%q) = %q, fold gives %q", c, got[i], want)
		}
	}
	if copied < 100 {
		t.Fatalf("only %d of %d cells needed folding: the corpus was not read", copied, len(cells))
	}
}

// plainPrefixTests is plainPrefix as it was, each byte tested apart: the
// oracle of TestPlainPrefixIsItsTests.
func plainPrefixTests(s string) int {
	i := 0
	for i < len(s) {
		c := s[i]
		if c < 0x80 {
			i++
			continue
		}
		if i+2 >= len(s) || c < 0xe4 || c > 0xe9 || s[i+1]&0xc0 != 0x80 || s[i+2]&0xc0 != 0x80 ||
			c == 0xe4 && s[i+1] < 0xb8 {
			break
		}
		i += 3
	}
	return i
}

// TestPlainPrefixIsItsTests: plainPrefix, its tests folded into unsigned
// comparisons, agrees with the tests apart on every three-byte sequence
// after a prefix of each length, and on every cell of the demo corpus.
func TestPlainPrefixIsItsTests(t *testing.T) {
	var cases []string
	for a := 0x80; a < 0x100; a++ {
		for b := 0; b < 0x100; b += 7 {
			for _, c := range []byte{0x00, 0x7f, 0x80, 0x9a, 0xbf, 0xc0, 0xff} {
				seq := string([]byte{byte(a), byte(b), c})
				cases = append(cases, seq, "规"+seq, "ab"+seq[:2], seq+"x")
			}
		}
	}
	for _, l := range demoLines(t) {
		cases = append(cases, l.Cells...)
	}
	for _, s := range cases {
		if got, want := plainPrefix(s), plainPrefixTests(s); got != want {
			t.Fatalf("plainPrefix(%q) = %d, the tests apart say %d", s, got, want)
		}
	}
}
