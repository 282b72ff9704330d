package extract

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestTrimCellIsTrimFunc: trimCell and isBlank, which skip decoding when
// the first and last bytes prove no space there, say what strings.TrimFunc
// says, on every white space character at either end, on invalid bytes,
// and on the lines of the test reports.
func TestTrimCellIsTrimFunc(t *testing.T) {
	space := func(r rune) bool { return isSpace(r) || unicode.IsSpace(r) }
	ends := []string{"", "a", "字", "、", "\u3001", "\u3000", "\u00a0", "\u0085", "\u1680", "\u2000", "\u200a", "\u2028",
		"\u2029", "\u202f", "\u205f", "\ufeff", "\xe3", "\xe3\x80", "\xe4\xb8", "\xff", "\xc2", "\xe2\x80", " ", "\t", "\x7f",
		"\U0001F600", "é", "\ud7ff"}
	var cases []string
	for _, a := range ends {
		for _, b := range ends {
			cases = append(cases, a+b, a+"文"+b, a+"1"+b, a+" "+b, " "+a+"1"+b+" ", "  "+a+" "+b+"  ")
		}
	}
	for _, data := range corpusSeeds(t, ".txt", ".md") {
		for _, line := range strings.Split(string(data), "\n") {
			cases = append(cases, line, line+"\u3000", "\u00a0"+line)
			cases = append(cases, strings.Split(line, "\t")...)
			cases = append(cases, strings.Split(line, "|")...)
		}
	}
	for _, s := range cases {
		if got, want := trimCell(s), strings.TrimFunc(s, space); got != want {
			t.Fatalf("trimCell(%q) = %q, want %q", s, got, want)
		}
		if got, want := isBlank(s), strings.TrimFunc(s, space) == ""; got != want {
			t.Fatalf("isBlank(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestNoSpaceInsideIsItsDefinition: noSpaceInside, validating as it goes,
// says what the byte tests followed by utf8.ValidString said.
func TestNoSpaceInsideIsItsDefinition(t *testing.T) {
	plain := func(s string) bool {
		for i := 0; i < len(s); i++ {
			switch c := s[i]; {
			case c <= ' ' || c == 0x7f, c == 0xC2 || c == 0xE1 || c == 0xE2:
				return false
			case c == 0xE3:
				if i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x80 {
					return false
				}
			case c == 0xEF:
				if i+2 < len(s) && s[i+1] == 0xBB && s[i+2] == 0xBF {
					return false
				}
			}
		}
		return utf8.ValidString(s)
	}
	parts := []string{"", "a", "字", "、", "\u3000", "\u00a0", "\ufeff", "\u200b", "\xe3", "\xe3\x80", "\xe3\x81\x81", "\xed\xa0\x80",
		"\xe0\x80\x80", "\xe0\xa0\x80", "\xff", "\xc3\xa9", "\U0001F600", "\xf0\x9f", "\x7f", " ", "\t", "，", "\xef\xbb", "\xef\xbc\x8c"}
	var cases []string
	for _, a := range parts {
		for _, b := range parts {
			for _, c := range parts {
				cases = append(cases, a+b+c)
			}
		}
	}
	for _, data := range corpusSeeds(t, ".txt", ".md", ".html") {
		cases = append(cases, strings.Split(string(data), "\n")...)
	}
	for _, s := range cases {
		if got, want := noSpaceInside(s), plain(s); got != want {
			t.Fatalf("noSpaceInside(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestOtherBreaksIsItsByteLoop: otherBreaks, by byte searches, says what
// reading every byte said.
func TestOtherBreaksIsItsByteLoop(t *testing.T) {
	plain := func(s string) bool {
		for i := 0; i < len(s); i++ {
			switch c := s[i]; c {
			case '\r', '\f', '\v':
				return true
			case 0xC2:
				if i+1 < len(s) && s[i+1] == 0x85 {
					return true
				}
			case 0xE2:
				if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9) {
					return true
				}
			}
		}
		return false
	}
	parts := []string{"", "a", "字", "\r", "\f", "\v", "\n", "\u0085", "\u2028", "\u2029", "“", "—", "\xe2", "\xe2\x80", "\xc2", "\u00a0"}
	var cases []string
	for _, a := range parts {
		for _, b := range parts {
			for _, c := range parts {
				cases = append(cases, a+b+c)
			}
		}
	}
	for _, data := range corpusSeeds(t, ".txt", ".md") {
		cases = append(cases, string(data))
	}
	for _, s := range cases {
		if got, want := otherBreaks(s), plain(s); got != want {
			t.Fatalf("otherBreaks(%q) = %v, want %v", s, got, want)
		}
	}
}

// lineBreaks is the strings.Replacer oneBreak replaced.
var lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\f", "\n", "\v", "\n", "\u2028", "\n", "\u2029", "\n", "\u0085", "\n")

// TestOneBreakIsLineBreaks: oneBreak gives what lineBreaks gave, for every
// string of up to three parts drawn from the line endings, their prefixes
// and their neighbours, and for the seed texts and the corpora's texts
// with their line feeds made CRLF.
func TestOneBreakIsLineBreaks(t *testing.T) {
	parts := []string{"", "a", "字", "\r", "\r\n", "\n\r", "\f", "\v", "\n", "\u0085", "\u2028", "\u2029", "“", "—", "\xe2",
		"\xe2\x80", "\xc2", "\u00a0", "\xe2\x80\xa8\xa9", "\xc2\xc2\x85"}
	var cases []string
	for _, a := range parts {
		for _, b := range parts {
			for _, c := range parts {
				cases = append(cases, a+b+c)
			}
		}
	}
	for _, data := range corpusSeeds(t, ".txt", ".md") {
		cases = append(cases, string(data), strings.ReplaceAll(string(data), "\n", "\r\n"))
	}
	changed := 0
	for _, s := range cases {
		got, want := oneBreak(s), lineBreaks.Replace(s)
		if got != want {
			t.Fatalf("oneBreak(%q) = %q, want %q", s, got, want)
		}
		changed += boolInt(got != s)
	}
	if changed < len(cases)/2 {
		t.Errorf("only %d of %d cases hold a line ending to rewrite", changed, len(cases))
	}
}
