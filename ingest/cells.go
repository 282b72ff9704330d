package ingest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"xxgk/ingest/extract"
)

var sprintf = fmt.Sprintf

// normalize folds full-width digits, letters and brackets to ASCII (NFKC)
// and removes every kind of white space, so that `（ 一 ）予以 公开` and
// `(一)予以公开` compare equal.
func normalize(s string) string {
	s = fold(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// dropInvisible removes the zero-width space and the BOM, which survive both
// folding and splitting on white space.
func dropInvisible(s string) string {
	// Contains per character: ContainsAny decodes every rune of s.
	if !strings.Contains(s, "\u200b") && !strings.Contains(s, "\ufeff") {
		return s
	}
	return strings.NewReplacer("\u200b", "", "\ufeff", "").Replace(s)
}

// fold applies NFKC compatibility folding. Reports need it for full-width
// ASCII (（一）, １２) and the ideographic space, which are mapped directly;
// only text holding other compatibility characters (①, ㈠, small or vertical
// forms) pays for the general normaliser.
func fold(s string) string { return foldIn(s, nil) }

// foldIn is fold writing the text it must copy into a (nil: a string of its
// own).
func foldIn(s string, a *extract.Arena) string {
	// One pass: runs of ASCII and ideographs are skipped byte by byte, and
	// the text is copied only once a character needs mapping, in runs.
	var b strings.Builder
	copying, mark := false, 0
	last := 0 // s[:last] is in b (or a, from mark)
	for i := plainPrefix(s); i < len(s); {
		if n := plainPrefix(s[i:]); n > 0 {
			i += n
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		var c byte
		switch {
		case r == 0x3000:
			c = ' '
		case r >= 0xff01 && r <= 0xff5e:
			c = byte(r - 0xfee0)
		case needsNFKC(r):
			// Invalid bytes (U+FFFD) come here too: the normaliser
			// decides what becomes of them.
			return norm.NFKC.String(s)
		default:
			i += size
			continue
		}
		switch {
		case !copying && a != nil:
			mark = a.Start(len(s))
		case !copying:
			b.Grow(len(s))
		}
		copying = true
		if a != nil {
			a.WriteString(s[last:i])
			a.WriteByte(c)
		} else {
			b.WriteString(s[last:i])
			b.WriteByte(c)
		}
		i += size
		last = i
	}
	switch {
	case !copying:
		return s
	case a != nil:
		a.WriteString(s[last:])
		return a.End(mark)
	}
	b.WriteString(s[last:])
	return b.String()
}

// plainPrefix returns the length of the longest prefix of s made of ASCII
// and of well-formed CJK ideographs U+4E00–U+9FFF, which fold leaves as they
// are: read byte by byte, it spares most text the decoding of every rune.
func plainPrefix(s string) int {
	i := 0
	for i < len(s) {
		c := s[i]
		if c < 0x80 {
			i++
			continue
		}
		// One unsigned comparison a test: the lead E4–E9, both
		// continuation bytes 80–BF, and E4 followed by B8 or more.
		if c-0xe4 > 0xe9-0xe4 || i+2 >= len(s) {
			break
		}
		b1, b2 := s[i+1]-0x80, s[i+2]-0x80
		if b1|b2 >= 0x40 || c == 0xe4 && b1 < 0xb8-0x80 {
			break
		}
		i += 3
	}
	return i
}

// needsNFKC reports the compatibility characters reports contain besides
// full-width ASCII: typographic spaces and ellipses, number forms (Ⅻ),
// enclosed numbers (①, ㈠), Kangxi radicals that PDF fonts put for common
// ideographs (⼀ for 一), squared units, compatibility ideographs, small and
// vertical forms, half-width forms.
func needsNFKC(r rune) bool {
	switch {
	case r >= 0x2000 && r <= 0x200b, r >= 0x2024 && r <= 0x2026,
		r >= 0x2150 && r <= 0x218f, r >= 0x2460 && r <= 0x24ff,
		r >= 0x2f00 && r <= 0x2fdf, r >= 0x3200 && r <= 0x33ff,
		r >= 0xf900 && r <= 0xfaff, r >= 0xfe10 && r <= 0xfe6f, r >= 0xff5f:
		return true
	}
	return false
}

// trimSpace is strings.TrimSpace, returning at once text whose first and
// last characters start with a byte no white space starts with (white
// space is ASCII, or starts with C2, E1, E2 or E3): strings.TrimSpace
// decodes the ends of any text that does not start with ASCII.
func trimSpace(s string) string {
	if s == "" || spaceLead(s[0]) {
		return strings.TrimSpace(s)
	}
	i := len(s) - 1
	for i > 0 && s[i]&0xC0 == 0x80 && len(s)-i < 4 {
		i-- // back to the first byte of the last character
	}
	if spaceLead(s[i]) {
		return strings.TrimSpace(s)
	}
	return s
}

// spaceLead reports a byte that white space may start with.
func spaceLead(c byte) bool {
	return c <= ' ' || c == 0x7f || c >= 0x80 && c < 0xC0 || c == 0xC2 || c >= 0xE1 && c <= 0xE3
}

// value is one value cell of a table row.
type value struct {
	num   float64
	blank bool   // printed blank: an empty cell, "/", "-", "—", "无"
	unit  string // a unit glued to the number ("万元", "元"), if any
	raw   string
	// col is the column, in runes, where layout text printed the figure;
	// -1 when the line carries no columns (tables, tab- or pipe-separated).
	col int
}

// row is one line of the document seen as a table row: the label text before
// the values and the values themselves.
type row struct {
	label string  // normalized text before the values ("" if none)
	vals  []value // from the first value to the last, empty cells inside kept as blank
	lead  int     // empty cells between the label and the first value (table lines)
	trail int     // empty cells after the last value (table lines)
	glued string  // digits run together with the label ("规章000" → "000") when no value cell follows
	// blankTail counts, in a table line without figures, the empty cells
	// after its text: a row printed empty (blankrows.go).
	blankTail int
	text      string // the whole line, normalized, for headings and evidence
	// firstCol is the column, in layout text, where the line's first text
	// token stands; -1 when unknown or when the line has no text.
	firstCol int
	cells    []string // the line as printed, for messages
	// The small fields last, together: rows are copied part by part, and
	// each scattered among the words cost a word of padding.
	heading bool // a part heading: ends any label run before it
	table   bool // cells are exact table cells (see extract.Line.Table)
	// flat marks a whole table flattened onto one line (flat.go): its text
	// is read label by label, not as one row.
	flat flatKind
}

// source is the line as printed, cells joined by " | ", for messages.
func (r row) source() string { return strings.Join(r.cells, " | ") }

var (
	gluedRe  = regexp.MustCompile(`^(.*\p{Han}[^\d]*?)(\d+)$`)
	footerRe = regexp.MustCompile(`^(?:[-—–]{1,2}\d{1,3}[-—–]{1,2}|第\d+页(?:共\d+页)?|\d+/\d+)$`)
)

// blankMarker reports the ways a printed-empty cell is written.
// A switch rather than a map: it is asked for almost every token.
func blankMarker(tok string) bool {
	switch tok {
	case "/", "-", "—", "–", "——", "--", "―", "无", "\\", "─", "—-":
		return true
	}
	return false
}

// blankCell is a cell printed blank.
var blankCell = value{blank: true, col: -1}

// valueUnits are the units a figure may carry in its cell.
var valueUnits = []string{"万元", "元", "件", "条", "项", "个"}

// parseValue reads one cell token as a figure or a blank marker: an optional
// sign, digits with optional thousands separators and decimals, an optional
// unit. It is the innermost loop of parsing, hence no regexp.
func parseValue(tok string) (value, bool) {
	if n := len(tok); n > 0 && n <= 15 && allDigits(tok) {
		// A plain count, most cells: fifteen digits are exact in a float64.
		var u uint64
		for i := 0; i < n; i++ {
			u = u*10 + uint64(tok[i]-'0')
		}
		return value{num: float64(u), raw: tok}, true
	}
	if len(tok) <= 6 && blankMarker(tok) {
		return value{blank: true, raw: tok}, true
	}
	t := tok
	neg := false
	switch {
	case strings.HasPrefix(t, "+"):
		t = t[1:]
	case strings.HasPrefix(t, "-"):
		t, neg = t[1:], true
	case strings.HasPrefix(t, "−"): // U+2212 minus sign
		t, neg = t[len("−"):], true
	}
	if t == "" || t[0] < '0' || t[0] > '9' {
		return value{}, false
	}
	unit := ""
	for _, u := range valueUnits {
		if strings.HasSuffix(t, u) {
			t, unit = t[:len(t)-len(u)], u
			break
		}
	}
	if !wellFormedNumber(t) {
		return value{}, false
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(t, ",", ""), 64)
	if err != nil {
		return value{}, false
	}
	if neg {
		f = -f
	}
	return value{num: f, unit: unit, raw: tok}, true
}

// wellFormedNumber accepts 123, 1,234,567 and 12.5; not 1,23 or 1.2.3.
func wellFormedNumber(t string) bool {
	intPart, frac, hasFrac := strings.Cut(t, ".")
	if hasFrac && (frac == "" || !allDigits(frac)) {
		return false
	}
	if !strings.Contains(intPart, ",") {
		return intPart != "" && allDigits(intPart)
	}
	groups := strings.Split(intPart, ",")
	if len(groups[0]) < 1 || len(groups[0]) > 3 || !allDigits(groups[0]) {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 || !allDigits(g) {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}

// atom is one piece of a line: text, a value, or an empty table cell.
type atom struct {
	text  string
	val   value
	isVal bool
	empty bool
	col   int // of a text atom in layout text; -1 if unknown
}

func newAtom(tok string, col int) atom {
	if v, ok := parseValue(tok); ok {
		v.col = col
		return atom{val: v, isVal: true}
	}
	return atom{text: tok, col: col}
}

// tokens splits a cell on white space, with each token's offset in runes.
//
// It reads ASCII and CJK ideographs (U+4E00–U+9FFF, never white space) by
// their bytes, decoding only the other characters as ranging over c would.
func tokens(c string, emit func(tok string, offset int)) {
	start, runeAt, startRune := -1, 0, 0
	for i := 0; i < len(c); runeAt++ {
		var space bool
		size := 1
		switch b := c[i]; {
		case b < utf8.RuneSelf:
			space = b == ' ' || b >= '\t' && b <= '\r'
		case b >= 0xE4 && b <= 0xE9 && i+2 < len(c) && c[i+1]&0xC0 == 0x80 && c[i+2]&0xC0 == 0x80:
			size = 3
		default:
			var r rune
			r, size = utf8.DecodeRuneInString(c[i:])
			space = unicode.IsSpace(r)
		}
		if space {
			if start >= 0 {
				emit(c[start:i], startRune)
				start = -1
			}
		} else if start < 0 {
			start, startRune = i, runeAt
		}
		i += size
	}
	if start >= 0 {
		emit(c[start:], startRune)
	}
}

// splitLine turns an extracted line into a row. Each cell is split further
// on white space, because layout text keeps a label and its figure in one
// cell ("行政许可 97") and runs single-digit cells together ("10 1 0 0").
//
// w is shared by the lines of a document: its atoms are reused, its
// strings and values carved from shared blocks.
func splitLine(l extract.Line, w *lineWork) row {
	atoms := w.atoms[:0]
	defer func() { w.atoms = atoms[:0] }()
	for ci, c := range l.Cells {
		c = trimSpace(foldIn(c, &w.strs))
		if c == "" {
			if l.Table {
				atoms = append(atoms, atom{empty: true, val: blankCell})
			}
			continue
		}
		col := -1
		if ci < len(l.Columns) {
			col = l.Columns[ci]
		}
		// Two byte searches: ContainsAny builds its set on every call.
		if strings.IndexByte(c, ' ') < 0 && strings.IndexByte(c, '\t') < 0 {
			atoms = append(atoms, newAtom(c, col))
			continue
		}
		tokens(c, func(tok string, offset int) {
			at := -1
			if col >= 0 {
				at = col + offset
			}
			atoms = append(atoms, newAtom(tok, at))
		})
	}
	var r row
	r.cells = l.Cells
	r.table = l.Table
	r.firstCol = -1
	for _, a := range atoms {
		if !a.isVal && !a.empty {
			r.firstCol = a.col
			break
		}
	}
	// Values are the tail of the line: from the end, skip empty cells, then
	// take values and empty cells up to the first text.
	end := len(atoms)
	for end > 0 && atoms[end-1].empty {
		end--
		r.trail++
	}
	start := end
	for start > 0 && (atoms[start-1].isVal || atoms[start-1].empty) {
		start--
	}
	for start < end && atoms[start].empty {
		start++
		r.lead++
	}
	if end > start {
		r.vals = w.valsFor(end - start)
	}
	if len(atoms) == 1 && !atoms[0].isVal && !atoms[0].empty {
		// A paragraph: one text token, nothing to join.
		r.text = dropInvisible(atoms[0].text)
		r.label = r.text
		r.lead, r.trail = 0, 0
		r.glued = gluedDigits(r.label)
		return r
	}
	// The label is the text of the atoms before the values: a prefix of
	// the line's text (atoms from start on are values or empty cells), so
	// one builder serves both.
	size := 0
	for _, c := range l.Cells {
		size += len(c)
	}
	text := &w.strs
	mark := text.Start(size)
	labelLen := -1
	for i, a := range atoms {
		if i == start {
			labelLen = text.Len() - mark
		}
		switch {
		case a.isVal:
			text.WriteString(a.val.raw)
			if i >= start && i < end {
				r.vals = append(r.vals, a.val)
			}
		case a.empty:
			if i >= start && i < end {
				r.vals = append(r.vals, a.val)
			}
		default:
			text.WriteString(a.text)
		}
	}
	joined := text.End(mark)
	if labelLen < 0 {
		labelLen = len(joined)
	}
	// Tokens are folded and hold no white space, so joining them is
	// normalizing them.
	r.text = dropInvisible(joined)
	switch {
	case len(r.vals) == 0:
		r.label = r.text // every token is label when no figures follow
	case len(r.text) == len(joined):
		r.label = joined[:labelLen] // nothing dropped from the whole, nor from its head
	default:
		r.label = dropInvisible(joined[:labelLen])
	}
	if len(r.vals) == 0 {
		r.blankTail = r.trail
		r.lead, r.trail = 0, 0
		r.glued = gluedDigits(r.label)
	}
	return r
}

// lineWork is what splitLine shares among the lines of one document: the
// atoms of a line, reused; the lines' texts and labels, carved from an
// arena; their values, carved from shared arrays. A builder and a slice of
// values for each line were a quarter of a parse's allocations.
type lineWork struct {
	atoms []atom
	strs  extract.Arena
	vals  []value // the block being carved
	// The blocks carved for this document, and those of earlier documents
	// to be carved again: no value outlives its document's parse (the
	// report keeps numbers and strings), so recycle hands them on.
	used, spare [][]value
}

// maxSpareVals bounds the blocks of values a pooled lineWork keeps (a
// report takes two or three).
const maxSpareVals = 16

// recycle makes the blocks of values carved so far ready to be carved
// again, cleared (they must not pin the strings of the document done).
func (w *lineWork) recycle() {
	for _, b := range w.used {
		clear(b[:cap(b)])
		if len(w.spare) < maxSpareVals {
			w.spare = append(w.spare, b[:0])
		}
	}
	clear(w.used)
	w.used, w.vals = w.used[:0], nil
}

// valsBlock is how many values share one array.
const valsBlock = 256

// valsFor returns an empty slice of values with room for n, its capacity
// capped so that an append copies rather than write over the next line's;
// a nil w, one of its own.
func (w *lineWork) valsFor(n int) []value {
	if w == nil || n > valsBlock/4 {
		return make([]value, 0, n)
	}
	if cap(w.vals)-len(w.vals) < n {
		if k := len(w.spare); k > 0 {
			w.vals, w.spare = w.spare[k-1], w.spare[:k-1]
		} else {
			w.vals = make([]value, 0, valsBlock)
		}
		w.used = append(w.used, w.vals)
	}
	i := len(w.vals)
	w.vals = w.vals[:i+n]
	return w.vals[i : i : i+n]
}

// gluedDigits returns the digits run together with a label ("规章000"), "" if
// none.
func gluedDigits(label string) string {
	if n := len(label); n == 0 || label[n-1] < '0' || label[n-1] > '9' {
		return ""
	}
	if m := gluedRe.FindStringSubmatch(label); m != nil {
		return m[2]
	}
	return ""
}

// isNoise reports lines that carry nothing of the report: page numbers and
// footers that would otherwise look like a lone figure.
func isNoise(r row) bool {
	if r.text == "" && len(r.vals) == 0 {
		return true
	}
	return len(r.vals) <= 3 && len(r.text) <= 24 && footerStart(r.text) && footerRe.MatchString(r.text)
}

// footerStart reports whether s starts as footerRe requires (a dash, a
// digit or 第): most lines do not, and are spared the expression.
func footerStart(s string) bool {
	if s == "" {
		return false
	}
	if c := s[0]; c == '-' || c >= '0' && c <= '9' {
		return true
	}
	return strings.HasPrefix(s, "—") || strings.HasPrefix(s, "–") || strings.HasPrefix(s, "第")
}

// nums returns the row's values as numbers, blanks as 0.
func nums(vals []value) []float64 {
	out := make([]float64, len(vals))
	for i, v := range vals {
		out[i] = v.num
	}
	return out
}

func sum(fs []float64) float64 {
	var s float64
	for _, f := range fs {
		s += f
	}
	return s
}

// quote shortens a source line for a warning.
func quote(s string) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > 60 {
		s = string(r[:60]) + "…"
	}
	return "「" + s + "」"
}
