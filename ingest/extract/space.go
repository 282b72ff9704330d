package extract

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// collapseSpace trims s and turns each inner run of white space (including
// U+3000 and the no-break space) into one space. A run that holds a line
// break between two Chinese characters is dropped instead: it is only where
// the source wrapped its lines, as browsers treat it (CSS Text segment
// breaks), and keeping it would split labels like 本年新收 / 政府信息.
func collapseSpace(s string) string { return collapseSpaceIn(s, nil) }

// collapseSpaceIn is collapseSpace writing what it must rewrite into a (nil:
// a string of its own).
func collapseSpaceIn(s string, a *Arena) string {
	if t := strings.Trim(s, " \t\n\v\f\r"); noSpaceInside(t) {
		return t // most cells and many paragraphs: nothing to collapse or drop
	}
	return collapseRuns(s, a)
}

// collapseRuns is collapseSpace rune by rune, into a (nil: a string of its
// own).
func collapseRuns(s string, a *Arena) string {
	if a == nil {
		a = new(Arena)
		a.b.Grow(len(s))
	}
	mark := a.Start(len(s))
	var prev rune // last rune written, 0 at the start
	inRun, runBreak := false, false
	for _, r := range s {
		if zeroWidth(r) {
			continue
		}
		if unicode.IsSpace(r) {
			inRun = true
			runBreak = runBreak || r == '\n' || r == '\r'
			continue
		}
		if inRun && prev != 0 && !(runBreak && isWide(prev) && isWide(r)) {
			a.WriteByte(' ')
		}
		inRun, runBreak = false, false
		a.WriteRune(r)
		prev = r
	}
	return a.End(mark)
}

// noSpaceInside reports whether s is valid UTF-8 holding no white space and
// no zero-width character, so that collapseSpace would return it as it is.
// It looks at bytes: the white space and zero-width characters beyond ASCII
// all start with C2, E1, E2, E3 80 80 (U+3000) or EF BB BF (U+FEFF).
//
// It validates as it goes, character by character (a continuation byte
// never matches the bytes above), rather than in a second pass.
func noSpaceInside(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			if c <= ' ' || c == 0x7f {
				return false // white space, and control bytes the slow path keeps exactly
			}
			i++
			continue
		case c == 0xC2 || c == 0xE1 || c == 0xE2:
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
		// Three bytes whose second may be any continuation byte (E0 and
		// ED restrict it): most Chinese, read without decoding.
		if (c >= 0xE1 && c <= 0xEC || c == 0xEE || c == 0xEF) && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return false
		}
		i += size
	}
	return true
}

// zeroWidth reports invisible characters that editors leave inside words:
// they are neither text nor space.
func zeroWidth(r rune) bool {
	return r == '\u200B' || r == '\u200C' || r == '\u200D' || r == '\u2060' || r == '\uFEFF'
}

// joinParts joins the paragraphs of one table cell: with no separator where
// both sides are Chinese (a label the author wrapped), with a space otherwise.
func joinParts(parts []string) string { return joinPartsIn(parts, nil) }

// joinPartsIn is joinParts writing into a (nil: a string of its own).
func joinPartsIn(parts []string, a *Arena) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	n := len(parts) - 1
	for _, p := range parts {
		n += len(p)
	}
	if a == nil {
		a = new(Arena)
		a.b.Grow(n)
	}
	mark := a.Start(n)
	b := a
	for i, p := range parts {
		if i > 0 {
			last, _ := utf8.DecodeLastRuneInString(parts[i-1])
			first, _ := utf8.DecodeRuneInString(p)
			if !isWide(last) || !isWide(first) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(p)
	}
	return a.End(mark)
}

// isWide reports whether r is a Chinese character or full-width punctuation,
// which Chinese text writes without spaces between.
func isWide(r rune) bool {
	switch {
	case unicode.Is(unicode.Han, r):
		return true
	case r >= 0x3000 && r <= 0x303F: // CJK punctuation: 、。〈〉《》「」
		return true
	case r >= 0xFF00 && r <= 0xFFEF: // full-width forms: （）：，
		return true
	case r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…':
		return true
	}
	return false
}

// dateRe matches a date written 2021-01-15, 2021/1/15, 2021.01.15 or
// 2021年1月15日, possibly followed by a time.
var dateRe = regexp.MustCompile(`(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})`)

// compactDateRe matches 20210115, as some CMSs write it.
var compactDateRe = regexp.MustCompile(`^\s*(\d{4})(\d{2})(\d{2})`)

// isoDate returns the date in s as YYYY-MM-DD, or "" when s holds no valid
// calendar date.
func isoDate(s string) string {
	m := dateRe.FindStringSubmatch(s)
	if m == nil {
		m = compactDateRe.FindStringSubmatch(s)
	}
	if m == nil {
		return ""
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if y < 1990 || y > 2100 || t.Month() != time.Month(mo) || t.Day() != d {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
}
