package ingest

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"

	"xxgk/ingest/extract"
)

func TestParseValue(t *testing.T) {
	tests := []struct {
		tok   string
		num   float64
		blank bool
		unit  string
		ok    bool
	}{
		{"0", 0, false, "", true},
		{"12", 12, false, "", true},
		{"007", 7, false, "", true},
		{"999999999999999", 999999999999999, false, "", true},
		{"1234567890123456", 1234567890123456, false, "", true},
		{"1,234", 1234, false, "", true},
		{"12.5", 12.5, false, "", true},
		{"-3", -3, false, "", true},
		{"+3", 3, false, "", true},
		{"12万元", 12, false, "万元", true},
		{"5件", 5, false, "件", true},
		{"无", 0, true, "", true},
		{"—", 0, true, "", true},
		{"/", 0, true, "", true},
		{"-", 0, true, "", true},
		{"\\", 0, true, "", true},
		{"——", 0, true, "", true},
		{"—-", 0, true, "", true},
		{"~", 0, false, "", false},
		{"1,23", 0, false, "", false},
		{"1.2.3", 0, false, "", false},
		{"12a", 0, false, "", false},
		{"", 0, false, "", false},
		{"规章", 0, false, "", false},
	}
	for _, tt := range tests {
		v, ok := parseValue(tt.tok)
		if ok != tt.ok || v.num != tt.num || v.blank != tt.blank || v.unit != tt.unit {
			t.Errorf("parseValue(%q) = %+v, %v; want num %v blank %v unit %q, %v", tt.tok, v, ok, tt.num, tt.blank, tt.unit, tt.ok)
		}
		if ok && v.raw != tt.tok {
			t.Errorf("parseValue(%q).raw = %q", tt.tok, v.raw)
		}
	}
}

func TestTrimSpace(t *testing.T) {
	for _, s := range []string{
		"", " ", "规章", " 规章 ", "规章\u3000", "\u3000规章", "12", "12 ", "\t12", "予以\u00a0", "\u00a0予以",
		"\u2003x", "x\u2003", "\u1680x", "x\u0085", "\xff", "a\xbf", "\xbf", "（一）", "a\u205f", "\u3000", "x\u3001",
	} {
		if got, want := trimSpace(s), strings.TrimSpace(s); got != want {
			t.Errorf("trimSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestLineWorkLinesStayApart: lines split with one shared lineWork (their
// texts from one arena, their values from shared arrays) are the rows each
// line gives alone, after every line of the demo corpus and the seed files
// has been split, and after each row's values were appended to.
func TestLineWorkLinesStayApart(t *testing.T) {
	var lines []extract.Line
	seen := map[string]bool{} // the demo's reports share most of their lines
	add := func(l extract.Line) {
		key := fmt.Sprint(l.Cells, l.Table, l.Columns)
		if !seen[key] {
			seen[key] = true
			lines = append(lines, l)
		}
	}
	for _, l := range demoLines(t) {
		add(l)
	}
	for _, data := range seedFiles(".txt", ".md", ".html") {
		for _, line := range strings.Split(string(data), "\n") {
			add(extract.Line{Cells: strings.Split(line, "\t"), Table: strings.Contains(line, "\t")})
		}
	}
	var shared lineWork
	rows := make([]row, len(lines))
	for i, l := range lines {
		rows[i] = splitLine(l, &shared)
	}
	for i := range rows {
		if len(rows[i].vals) > 0 {
			_ = append(rows[i].vals, value{num: -1, raw: "appended"})
		}
	}
	withVals := 0
	for i, l := range lines {
		var own lineWork
		want := splitLine(l, &own)
		if !reflect.DeepEqual(rows[i], want) {
			t.Fatalf("line %d %q: shared work gives %+v, alone %+v", i, l.Cells, rows[i], want)
		}
		withVals += boolInt(len(want.vals) > 0)
	}
	if withVals < 1000 {
		t.Fatalf("only %d of %d lines hold values: the corpus was not read", withVals, len(lines))
	}
}

// TestSplitLineDropsInvisible: zero-width spaces and BOMs leave a line's text
// and its label, wherever they are.
func TestSplitLineDropsInvisible(t *testing.T) {
	for _, tc := range []struct {
		cells       []string
		text, label string
		vals        int
	}{
		{[]string{"规\u200b章", "12"}, "规章12", "规章", 1},
		{[]string{"规章", "\ufeff", "3", "4"}, "规章34", "规章", 2},
		{[]string{"\u200b规章", "12", "\ufeff13"}, "规章1213", "规章1213", 0},
		{[]string{"规章", "12"}, "规章12", "规章", 1},
		{[]string{"规\u200b章"}, "规章", "规章", 0},
	} {
		var w lineWork
		r := splitLine(extract.Line{Cells: tc.cells, Table: true}, &w)
		if r.text != tc.text || r.label != tc.label || len(r.vals) != tc.vals {
			t.Errorf("splitLine(%q) = text %q, label %q, %d values; want %q, %q, %d", tc.cells, r.text, r.label, len(r.vals), tc.text, tc.label, tc.vals)
		}
	}
}

// TestLineWorkRecycledValues: a lineWork whose blocks of values were
// recycled after one document splits the next as a fresh one does, its
// blocks carved again without overlapping.
func TestLineWorkRecycledValues(t *testing.T) {
	lines := demoLines(t)
	half := len(lines) / 2
	var w lineWork
	for _, l := range lines[:half] {
		splitLine(l, &w)
	}
	spare := len(w.used)
	w.recycle()
	if spare < 2 || len(w.spare) == 0 || len(w.used) != 0 {
		t.Fatalf("%d blocks used, %d spare after recycling: nothing to reuse", spare, len(w.spare))
	}
	for _, b := range w.spare {
		for _, v := range b[:cap(b)] {
			if v != (value{}) {
				t.Fatalf("a recycled block holds %+v", v)
			}
		}
	}
	rows := make([]row, 0, len(lines)-half)
	for _, l := range lines[half:] {
		rows = append(rows, splitLine(l, &w))
	}
	for i, l := range lines[half:] {
		var own lineWork
		if want := splitLine(l, &own); !reflect.DeepEqual(rows[i], want) {
			t.Fatalf("line %q: recycled work gives %+v, fresh %+v", l.Cells, rows[i], want)
		}
	}
}

// tokensRanged is tokens as it was, ranging over the cell: the oracle of
// TestTokensIsRanged.
func tokensRanged(c string, emit func(tok string, offset int)) {
	start, runeAt, startRune := -1, 0, 0
	for i, r := range c {
		if unicode.IsSpace(r) {
			if start >= 0 {
				emit(c[start:i], startRune)
				start = -1
			}
		} else if start < 0 {
			start, startRune = i, runeAt
		}
		runeAt++
	}
	if start >= 0 {
		emit(c[start:], startRune)
	}
}

// TestTokensIsRanged: tokens, reading ASCII and ideographs by bytes, cuts
// every line of the demo corpus and the seed files, and broken or spaced
// edges, into the tokens and rune offsets ranging gave.
func TestTokensIsRanged(t *testing.T) {
	cells := []string{"", " ", "a b", "\t规章 12\n", "规\u00a0章", "1\u0085 2", "\u3000规章\u3000", "规\u2028章", "\xe4 \xe4\x80 \xe4\x80\x80",
		"\xff规 章\xff", "规章\xe9", "a\x1cb\x1fc", "\ufffd 1", "\u1680x\u202fy\u205fz"}
	for _, l := range demoLines(t) {
		cells = append(cells, l.Cells...)
	}
	for _, data := range seedFiles(".txt", ".md") {
		cells = append(cells, strings.Split(string(data), "\n")...)
	}
	type tok struct {
		s   string
		off int
	}
	split := 0
	for _, c := range cells {
		var got, want []tok
		tokens(c, func(s string, off int) { got = append(got, tok{s, off}) })
		tokensRanged(c, func(s string, off int) { want = append(want, tok{s, off}) })
		if !slices.Equal(got, want) {
			t.Fatalf("tokens(%q) = %v, ranging gives %v", c, got, want)
		}
		split += boolInt(len(got) > 1)
	}
	if split < 1000 {
		t.Fatalf("only %d cells hold several tokens: the corpus was not read", split)
	}
}
