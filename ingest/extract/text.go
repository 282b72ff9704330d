package extract

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// readText reads a plain-text report: text copied from a PDF or a web page,
// markdown, or the output of pdftotext.
func readText(data []byte) (*Document, error) {
	s, binary := decodeChecked(data, decodeText)
	if binary {
		return nil, fail(ErrBinary, "binary data, not a report", "supply the report as text, HTML, DOCX or PDF")
	}
	lines, cut := textLines(s)
	if len(lines) == 0 {
		return nil, fail(ErrEmpty, "empty file", "")
	}
	doc := &Document{Format: FormatText, Lines: lines}
	if cut {
		doc.Warnings = append(doc.Warnings, cutWarning())
	}
	// Text decoded as it was is valid UTF-8 (decodeText keeps only that
	// as is): comparing is far cheaper than validating again.
	if raw := stripBOM(data); s != string(raw) && mostlyUTF8(raw) {
		if w := damageWarning(raw); w != "" {
			doc.Warnings = append(doc.Warnings, w)
		}
	}
	return doc, nil
}

// stripBOM removes a UTF-8 byte-order mark.
func stripBOM(data []byte) []byte { return bytes.TrimPrefix(data, bomUTF8) }

// fromUTF16 decodes data that starts with a UTF-16 byte-order mark to UTF-8;
// ok is false when there is no such mark. Notepad on Windows saves "Unicode"
// text this way.
func fromUTF16(data []byte) (out []byte, ok bool) {
	var order func([]byte) uint16
	switch {
	case bytes.HasPrefix(data, bomUTF16LE):
		order = func(b []byte) uint16 { return uint16(b[0]) | uint16(b[1])<<8 }
	case bytes.HasPrefix(data, bomUTF16BE):
		order = func(b []byte) uint16 { return uint16(b[0])<<8 | uint16(b[1]) }
	default:
		return nil, false
	}
	units := make([]uint16, 0, len(data)/2)
	for i := 2; i+1 < len(data); i += 2 {
		units = append(units, order(data[i:i+2]))
	}
	return []byte(string(utf16.Decode(units))), true
}

// decodeText turns bytes into a string: UTF-16 by its byte-order mark, UTF-8
// when the bytes are UTF-8 (with at most a stray broken sequence, as when a
// copy is cut mid-character), and GB18030 otherwise. GB18030 is a superset of
// GBK and GB2312, the encodings older Chinese files use.
func decodeText(data []byte) string {
	if u, ok := fromUTF16(data); ok {
		return string(u)
	}
	data = stripBOM(data)
	if utf8.Valid(data) {
		return string(data) // nothing to repair: spare ToValidUTF8 its pass
	}
	if mostlyUTF8(data) {
		return strings.ToValidUTF8(string(data), "\uFFFD")
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		// The GB18030 decoder replaces bad bytes rather than failing; keep
		// the UTF-8 reading if it ever does.
		return strings.ToValidUTF8(string(data), "\uFFFD")
	}
	return string(out)
}

// mostlyUTF8 reports whether data is UTF-8, tolerating a small share of
// broken sequences (at most one byte in two hundred, and never more than
// one for twenty multibyte characters), as when a copy is cut
// mid-character or a few bytes were damaged. GB18030 text read as UTF-8
// breaks on almost every character, so the two are easy to tell apart.
func mostlyUTF8(data []byte) bool {
	if utf8.Valid(data) {
		return true
	}
	// utf8Damage, stopping as soon as the bad bytes pass the share allowed:
	// GB18030 text gets there within a few dozen bytes.
	limit := max(2, len(data)/200)
	bad, multi := 0, 0
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			if bad++; bad > limit {
				return false
			}
		case size > 1:
			multi++
		}
		i += max(size, 1)
	}
	return multi >= 20*bad
}

// utf8Damage counts the bytes that are not valid UTF-8 and the multibyte
// characters of data, and says where the first bad byte is.
func utf8Damage(data []byte) (bad, multi, first int) {
	first = -1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			if first < 0 {
				first = i
			}
			bad++
		case size > 1:
			multi++
		}
		i += max(size, 1)
	}
	return bad, multi, first
}

// damageWarning describes the invalid bytes of UTF-8 data read anyway, ""
// when there are none.
func damageWarning(data []byte) string {
	if utf8.Valid(data) {
		return ""
	}
	bad, _, first := utf8Damage(data)
	line := 1 + bytes.Count(data[:first], []byte{'\n'})
	return fmt.Sprintf("%d bytes are not valid UTF-8 (the first at byte %d, line %d); they were read as \uFFFD", bad, first, line)
}

// decodeChecked returns decode(data) and binaryText of it. Text that is
// valid UTF-8, most of it, decodes to itself: one pass over its bytes then
// both validates it and counts what binaryText counts, where validating,
// decoding and counting took three.
func decodeChecked(data []byte, decode func([]byte) string) (s string, binary bool) {
	raw := stripBOM(data)
	if valid, bad, total := utf8Stats(raw); valid {
		return string(raw), bytes.IndexByte(raw, 0) >= 0 || bad*10 > total
	}
	s = decode(data)
	return s, binaryText(s)
}

// utf8Stats reports whether b is valid UTF-8 and, when it is, counts its
// characters and those binaryText calls bad: control characters other
// than line and page breaks and tabs, and U+FFFD.
func utf8Stats(b []byte) (valid bool, bad, total int) {
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c < utf8.RuneSelf:
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' || c == 0x7f {
				bad++
			}
			i++
			// ASCII comes in runs (markup, figures): the run that follows
			// is skipped eight bytes at a time while it holds no control
			// character.
			for i+8 <= len(b) {
				w := binary.LittleEndian.Uint64(b[i:])
				if !plainASCII8(w) {
					break
				}
				i += 8
				total += 8
			}
		case c >= 0xE1 && c <= 0xEC || c == 0xEE || c == 0xEF:
			// Three bytes whose second byte may be any continuation byte
			// (E0, ED and the four-byte leads restrict it): most Chinese.
			if i+2 >= len(b) || b[i+1]&0xC0 != 0x80 || b[i+2]&0xC0 != 0x80 {
				return false, 0, 0
			}
			if c == 0xEF && b[i+1] == 0xBF && b[i+2] == 0xBD {
				bad++ // U+FFFD
			}
			i += 3
		default:
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size <= 1 {
				return false, 0, 0
			}
			if r == utf8.RuneError || unicode.IsControl(r) {
				bad++ // the controls here are C1 (U+0080–U+009F), none a break
			}
			i += size
		}
		total++
	}
	return true, bad, total
}

// plainASCII8 reports whether the eight bytes of w are all printable ASCII
// (0x20–0x7E), by the word-at-a-time tests for a byte with the high bit
// set, a byte below 0x20 and a byte equal to 0x7F (each exact as to whether
// there is one).
func plainASCII8(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	below20 := (w - ones*0x20) & ^w & highs
	del := w ^ (ones * 0x7f)
	is7f := (del - ones) & ^del & highs
	return w&highs == 0 && below20 == 0 && is7f == 0
}

// binaryText reports whether decoded text is really binary data: NUL bytes,
// or more than one character in ten a control character or a replacement for
// bytes that decode to nothing.
func binaryText(s string) bool {
	if strings.IndexByte(s, 0) >= 0 {
		return true
	}
	bad, total := 0, 0
	for i := 0; i < len(s); i++ {
		// ASCII other than control characters is the common case: counted
		// without decoding.
		if c := s[i]; c >= 0x20 && c < 0x7f || c == '\n' || c == '\r' || c == '\t' {
			total++
			continue
		}
		if c := s[i]; c >= 0xE4 && c <= 0xE9 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			// A CJK ideograph (U+4E00–U+9FFF): well formed, no control.
			total++
			i += 2
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size - 1
		total++
		if r == utf8.RuneError || unicode.IsControl(r) && !strings.ContainsRune("\t\n\r\f\v", r) {
			bad++
		}
	}
	return bad*10 > total
}

// maxTextLines bounds the lines kept from a text: a report has a few
// hundred; the rest of a longer file is dropped, with a warning.
const maxTextLines = 20000

// textLines splits text into lines and each line into cells, keeping at most
// maxTextLines lines; cut says whether lines were dropped.
func textLines(s string) (out []Line, cut bool) {
	if otherBreaks(s) {
		s = oneBreak(s)
	}
	// Sized once by the line breaks: blank lines make it a little large.
	out = make([]Line, 0, min(strings.Count(s, "\n")+1, maxTextLines+1))
	var slab cellSlab
	pipeRows := 0 // pipe rows just before this line
	for s != "" {
		var raw string
		raw, s, _ = strings.Cut(s, "\n")
		line, ok := textLine(raw, &slab, &pipeRows)
		if !ok {
			continue
		}
		if len(out) == maxTextLines {
			return out, true
		}
		out = append(out, line)
	}
	return out, false
}

// cutWarning is the warning for a text cut at maxTextLines.
func cutWarning() string {
	return fmt.Sprintf("the text has more than %d lines; only the first %d were read (a report has a few hundred)", maxTextLines, maxTextLines)
}

// oneBreak turns every line ending into "\n": "\r\n" and a lone "\r", and
// a form feed (pdftotext's page break), a vertical tab and the Unicode
// next-line, line and paragraph separators. Byte by byte, as the
// strings.Replacer it replaces did (its generic form, for keys of several
// bytes, cost some 170,000 instructions a CRLF report).
func oneBreak(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	last := 0
	for i := 0; i < len(s); i++ {
		if !breakLead[s[i]] {
			continue
		}
		n := 0 // the length of the line ending at i
		switch s[i] {
		case '\r':
			n = 1
			if i+1 < len(s) && s[i+1] == '\n' {
				n = 2
			}
		case '\f', '\v':
			n = 1
		case 0xC2: // U+0085
			if i+1 < len(s) && s[i+1] == 0x85 {
				n = 2
			}
		case 0xE2: // U+2028, U+2029
			if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9) {
				n = 3
			}
		}
		if n == 0 {
			continue
		}
		b.WriteString(s[last:i])
		b.WriteByte('\n')
		last = i + n
		i += n - 1
	}
	b.WriteString(s[last:])
	return b.String()
}

// breakLead are the first bytes of the line endings oneBreak rewrites.
var breakLead = [256]bool{'\r': true, '\f': true, '\v': true, 0xC2: true, 0xE2: true}

// otherBreaks reports whether s holds a line break other than "\n": most
// texts hold none, and are then spared the copy lineBreaks makes. \u0085
// is C2 85 in UTF-8, \u2028 and \u2029 E2 80 A8/A9: byte searches find
// their rare first bytes far faster than a loop reads every byte.
func otherBreaks(s string) bool {
	if strings.IndexByte(s, '\r') >= 0 || strings.IndexByte(s, '\f') >= 0 || strings.IndexByte(s, '\v') >= 0 ||
		strings.Contains(s, "\u0085") {
		return true
	}
	for t := s; ; {
		j := strings.IndexByte(t, 0xE2)
		if j < 0 {
			return false
		}
		if j+2 < len(t) && t[j+1] == 0x80 && (t[j+2] == 0xA8 || t[j+2] == 0xA9) {
			return true
		}
		t = t[j+1:]
	}
}

// minEmptyRow is the fewest cells of a table row printed entirely empty
// that is kept (a part 四 row left blank has fifteen): fewer are spacers,
// such as the "||||" lines between cells of text copied from a page.
const minEmptyRow = 5

// textLine splits one line into cells by the strongest separator it holds:
// tabs, then pipes, then runs of spaces. ok is false for lines that carry
// nothing: blank lines, markdown separator rows, lone pipes. pipeRows counts
// the pipe rows just before the line, and is updated.
func textLine(s string, slab *cellSlab, pipeRows *int) (Line, bool) {
	prev := *pipeRows
	*pipeRows = 0
	if isBlank(s) {
		// A row of empty tab-separated fields is a row printed empty.
		if n := strings.Count(s, "\t"); n+1 >= minEmptyRow && strings.Trim(s, "\t") == "" {
			return Line{Cells: make([]string, n+1), Table: true}, true
		}
		return Line{}, false
	}
	switch {
	case strings.ContainsRune(s, '\t'):
		return Line{Cells: trimCells(slab.split(s, '\t')), Table: true}, true
	case isPipeRow(s):
		*pipeRows = prev + 1
		cells := pipeCellsIn(s, slab)
		if allEmpty(cells) && len(cells) < minEmptyRow || isSeparatorRow(cells, prev == 1) {
			return Line{}, false
		}
		return Line{Cells: cells, Table: true}, true
	}
	cells, cols := spaceCellsIn(s, slab)
	return Line{Cells: cells, Columns: cols}, true
}

// cellSlab hands out the cells and columns of one-cell lines, most lines of
// a text, from shared arrays: two allocations a line were a tenth of the
// parser's allocations on the demo mix.
type cellSlab struct {
	cells []string
	cols  []int
	many  strSlab // the cells of lines split on tabs or pipes
}

// split is strings.Split(s, string(sep)), the cells from b's shared arrays
// (b nil: their own).
func (b *cellSlab) split(s string, sep byte) []string {
	if b == nil {
		return strings.Split(s, string(sep))
	}
	out := b.many.take(strings.Count(s, string(sep)) + 1)
	for i := 0; i < len(out)-1; i++ {
		j := strings.IndexByte(s, sep)
		out[i], s = s[:j], s[j+1:]
	}
	out[len(out)-1] = s
	return out
}

// slabSize is how many one-cell lines share one pair of arrays.
const slabSize = 64

// one returns the cells and columns of a line of one cell. Their capacity is
// their length, so an append copies them instead of writing over the next
// line's.
func (b *cellSlab) one(cell string, col int) ([]string, []int) {
	if b == nil {
		return []string{cell}, []int{col}
	}
	if len(b.cells) == cap(b.cells) {
		b.cells, b.cols = make([]string, 0, slabSize), make([]int, 0, slabSize)
	}
	i := len(b.cells)
	b.cells, b.cols = append(b.cells, cell), append(b.cols, col)
	return b.cells[i : i+1 : i+1], b.cols[i : i+1 : i+1]
}

// isSpace is white space within a line: ASCII space, the no-break space and
// the ideographic space U+3000 that Chinese typesetting uses for indents.
func isSpace(r rune) bool { return r == ' ' || r == '\u00A0' || r == '\u3000' }

// isBlank reports whether s holds only white space (including tabs).
func isBlank(s string) bool {
	if s != "" && !spaceFirst(s) {
		return false // most lines: their first character is text
	}
	return strings.TrimFunc(s, func(r rune) bool { return isSpace(r) || unicode.IsSpace(r) }) == ""
}

// spaceFirst reports whether the first character of s (not empty) may be
// white space; false proves it is not. White space beyond ASCII starts
// with C2 (U+0085, U+00A0), E1 (U+1680), E2 (U+2000–U+205F) or E3 80 80
// (U+3000); any other byte starts a character that is not space, or an
// invalid one (U+FFFD, not space either).
func spaceFirst(s string) bool {
	switch c := s[0]; {
	case c < 0x80:
		return c <= ' ' || c == 0x7f
	case c == 0xC2 || c == 0xE1 || c == 0xE2:
		return true
	case c == 0xE3:
		return len(s) < 3 || s[1] == 0x80 && s[2] == 0x80
	}
	return false
}

// spaceLast is spaceFirst for the last character of s (not empty): an
// ASCII byte, or a three-byte character from U+4000 on (lead byte E4–EF),
// tells without decoding.
func spaceLast(s string) bool {
	n := len(s)
	if c := s[n-1]; c < 0x80 {
		return c <= ' ' || c == 0x7f
	}
	if n >= 3 && s[n-3] >= 0xE4 && s[n-3] <= 0xEF && s[n-2]&0xC0 == 0x80 && s[n-1]&0xC0 == 0x80 {
		return false
	}
	return true
}

// trimCell trims white space, including U+3000, from both ends of a cell.
func trimCell(s string) string {
	// Pipe tables pad their cells with ASCII spaces: cut byte by byte, they
	// spare most padded cells the decoding of their ends.
	for s != "" && s[0] == ' ' {
		s = s[1:]
	}
	for s != "" && s[len(s)-1] == ' ' {
		s = s[:len(s)-1]
	}
	// Most cells have no space to trim; the check below costs a few bytes.
	if s != "" && !spaceFirst(s) && !spaceLast(s) {
		return s
	}
	return strings.TrimFunc(s, func(r rune) bool { return isSpace(r) || unicode.IsSpace(r) })
}

func trimCells(cells []string) []string {
	for i, c := range cells {
		cells[i] = trimCell(c)
	}
	return cells
}

func allEmpty(cells []string) bool {
	for _, c := range cells {
		if c != "" {
			return false
		}
	}
	return true
}

// isPipeRow reports whether a line is a markdown or pipe-separated table row.
func isPipeRow(s string) bool {
	t := trimCell(s)
	return strings.HasPrefix(t, "|") || strings.HasSuffix(t, "|") || strings.Contains(s, " | ")
}

// pipeCells splits a pipe row on unescaped '|', dropping the empty cells that
// the leading and trailing pipes of markdown produce.
func pipeCells(s string) []string { return pipeCellsIn(s, nil) }

// pipeCellsIn is pipeCells taking the cells from slab's shared arrays (nil:
// their own).
func pipeCellsIn(s string, slab *cellSlab) []string {
	t := trimCell(s)
	var cells []string
	if !strings.Contains(t, `\|`) {
		cells = slab.split(t, '|') // nothing escaped: the cells are substrings
	} else {
		cells = unescapePipes(t)
	}
	if strings.HasPrefix(t, "|") {
		cells = cells[1:]
	}
	if strings.HasSuffix(t, "|") && !strings.HasSuffix(t, `\|`) && len(cells) > 0 {
		cells = cells[:len(cells)-1]
	}
	return trimCells(cells)
}

// unescapePipes splits a pipe row whose cells hold escaped pipes (\|).
func unescapePipes(t string) []string {
	var cells []string
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		switch {
		case t[i] == '\\' && i+1 < len(t) && t[i+1] == '|':
			b.WriteByte('|')
			i++
		case t[i] == '|':
			cells = append(cells, b.String())
			b.Reset()
		default:
			b.WriteByte(t[i])
		}
	}
	return append(cells, b.String())
}

// isSeparatorRow reports whether every cell is a markdown alignment marker
// such as "---" or ":--:". A row of lone "-" is one only under a table's
// first row (afterHeader): elsewhere it is a row of cells printed "-", the
// way a body with nothing to report fills its part 四.
func isSeparatorRow(cells []string, afterHeader bool) bool {
	marker := afterHeader
	for _, c := range cells {
		t := strings.TrimSuffix(strings.TrimPrefix(c, ":"), ":")
		if t == "" || strings.Trim(t, "-") != "" {
			return false
		}
		if len(c) > 1 {
			marker = true
		}
	}
	return len(cells) > 0 && marker
}

// spaceCells splits a line on runs of two or more spaces, the way
// `pdftotext -layout` separates columns; a single space stays inside a cell
// (labels such as "三、 本年 度办 理结 果" keep their stray spaces). It also
// returns the column, in runes from the start of the line, where each cell
// starts: layout text places a figure under its header, so the column tells
// which header a figure belongs to when blank cells left no trace.
func spaceCells(s string) ([]string, []int) { return spaceCellsIn(s, nil) }

// spaceCellsIn is spaceCells taking a one-cell line's slices from slab (nil:
// their own).
func spaceCellsIn(s string, slab *cellSlab) ([]string, []int) {
	if !strings.Contains(s, "  ") && !strings.Contains(s, "\u00a0") && !strings.Contains(s, "\u3000") {
		// No run of two spaces: one cell, as the loop below would find
		// after counting every rune.
		if t := trimCell(s); t != "" {
			lead := utf8.RuneCountInString(s[:strings.Index(s, t)])
			return slab.one(t, lead)
		}
		return []string{}, []int{}
	}
	// Sized by the runs of two spaces (runs of ideographic spaces grow it).
	n := strings.Count(s, "  ") + 1
	cells := make([]string, 0, n)
	cols := make([]int, 0, n)
	start, run := 0, 0 // start of the current cell; length of the current space run in runes
	runStart := 0
	col, startCol := 0, 0 // rune column of the current rune and of the current cell
	add := func(c string, at int) {
		trimmed := trimCell(c)
		if trimmed == "" {
			return
		}
		lead := utf8.RuneCountInString(c[:strings.Index(c, trimmed)])
		cells = append(cells, trimmed)
		cols = append(cols, at+lead)
	}
	// ASCII and CJK ideographs (never white space) are read by their
	// bytes; other characters decoded as ranging over s would.
	for i := 0; i < len(s); {
		space, size := false, 1
		switch b := s[i]; {
		case b < utf8.RuneSelf:
			space = b == ' '
		case b >= 0xE4 && b <= 0xE9 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			size = 3
		default:
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			space = isSpace(r)
		}
		if space {
			if run == 0 {
				runStart = i
			}
			run++
			col++
			i += size
			continue
		}
		if run >= 2 {
			add(s[start:runStart], startCol)
			start, startCol = i, col
		}
		run = 0
		col++
		i += size
	}
	add(s[start:], startCol)
	return cells, cols
}
