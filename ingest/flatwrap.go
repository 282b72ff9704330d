package ingest

import (
	"math/bits"
	"strings"
	"unicode/utf8"

	"xxgk/ingest/extract"
)

// A flattened body is not always one line: a <br> inside a table cell, a
// page break or a tool that wraps text at a fixed width breaks it anywhere,
// mid-label included ("…一、本年新收政府" / "信息公开申请数量1000001二、上年结转…").
// Each piece alone holds a row or two and the labels cut at the breaks;
// joined back they are the flattened line the flat reader expects.

// joinWrappedFlat joins each block of consecutive one-cell text lines that
// read as pieces of a flattened table (a run of figures followed by the next
// label) into one line, when the joined text holds a flattened table. Page
// footers between the pieces ("— 3 —") are dropped. Lines of any other kind
// are left as they are, and a document without such pieces is returned
// unchanged.
func joinWrappedFlat(lines []extract.Line) []extract.Line {
	first := -1
	for i := range lines {
		if flatPiece(lines[i]) {
			first = i
			break
		}
	}
	if first < 0 {
		return lines
	}
	var out []extract.Line
	copied := 0 // lines[:copied] are in out
	for i := first; i < len(lines); {
		if !flatPiece(lines[i]) {
			i++
			continue
		}
		// The block: pieces, with at most one other line (a wrapped label's
		// middle, a footer) between two of them.
		end, n := i+1, 1
		for end < len(lines) {
			switch {
			case flatPiece(lines[end]):
				end++
				n++
				continue
			case end+1 < len(lines) && oneCell(lines[end]) && flatPiece(lines[end+1]):
				end += 2
				n++
				continue
			}
			break
		}
		if n < 2 {
			i = end
			continue
		}
		// The line before may hold the table's start, wrapped before its
		// first row ("…第二十条第（一）项信息内容 本年新制作数量 对外公" / "开总数量规章…").
		if i > copied && oneCell(lines[i-1]) && tableStart(lines[i-1].Cells[0]) {
			i--
		}
		// The line after may hold the rest of the last table: part 四's
		// header and its run of fifteen, ending the line.
		for k := 0; k < 2 && end < len(lines) && oneCell(lines[end]) &&
			(tableStart(lines[end].Cells[0]) || onlyRun(lines[end].Cells[0])); k++ {
			end++
		}
		size := 0
		for _, l := range lines[i:end] {
			size += len(l.Cells[0])
		}
		if size > maxFlatBytes {
			// Beyond any report: left as lines, whose reading is bounded.
			i = end
			continue
		}
		var b strings.Builder
		b.Grow(size)
		for _, l := range lines[i:end] {
			if pageFooter(l.Cells[0]) {
				continue
			}
			b.WriteString(strings.TrimSpace(l.Cells[0]))
		}
		joined := b.String()
		if flatTable(strings.ReplaceAll(fold(joined), "\u00a0", " ")) == notFlat {
			i = end
			continue
		}
		if out == nil {
			out = make([]extract.Line, 0, len(lines))
		}
		out = append(out, lines[copied:i]...)
		out = append(out, extract.Line{Cells: []string{joined}})
		copied, i = end, end
	}
	if out == nil {
		return lines
	}
	return append(out, lines[copied:]...)
}

// oneCell reports a line of text that is not a table row.
func oneCell(l extract.Line) bool { return len(l.Cells) == 1 && !l.Table }

// flatPiece reports a one-cell line where a run of figures runs straight
// into the next label ("…数量1000001二、上年结转…", "0000000（二）部分公开",
// "00000002.其他法律"): how a flattened table reads, and what no row of an
// ordinary table or sentence of prose does (a count in prose is followed by
// its unit: "65条", "2022年").
func flatPiece(l extract.Line) bool {
	if !oneCell(l) {
		return false
	}
	s := l.Cells[0]
	for i := nextDigit(s, 0); i >= 0 && i+1 < len(s); i = nextDigit(s, i+1) {
		j := i + 1
		if s[j] == ' ' {
			j++
		}
		if j < len(s) && (s[j] == '.' || strings.HasPrefix(s[j:], "、")) {
			// An item number glued on: "00000002.其他法律". One that
			// follows a label instead ("不予公开 1.属于…") starts a row of
			// an ordinary table.
			if !afterFigure(s, i) {
				continue
			}
			if s[j] == '.' {
				j++
			} else {
				j += len("、")
			}
		}
		if j >= len(s) {
			return false
		}
		r, _ := utf8.DecodeRuneInString(s[j:])
		if r == '（' || r == '(' || r >= 0x4E00 && r <= 0x9FFF && !proseCount(s[j:]) {
			return true
		}
	}
	return false
}

// nextDigit returns the index of the first ASCII digit of s at or after
// from, or -1. flatPiece reads every one-cell line of every document, most
// of them prose; eight bytes at a time, it cost a tenth of a byte-by-byte
// scan.
func nextDigit(s string, from int) int {
	i := from
	for ; i+8 <= len(s); i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if d := digitBytes(w); d != 0 {
			return i + bits.TrailingZeros64(d)/8
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return i
		}
	}
	return -1
}

// digitBytes marks, by its high bit, each byte of w that is an ASCII digit:
// each byte's low seven bits b are tested for '0'-1 < b < '9'+1 by two sums
// that cannot carry into the next byte, and bytes with the high bit set are
// left out, so that each byte's mark is exact.
func digitBytes(w uint64) uint64 {
	const ones, low7, highs = 0x0101010101010101, 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	b := w & low7
	return (ones*(127+'9'+1) - b) & ^w & (b + ones*(127-('0'-1))) & highs
}

// afterFigure reports a digit at s[i] that ends a run of figures: a digit,
// or a digit and a space, before it.
func afterFigure(s string, i int) bool {
	k := i - 1
	if k >= 0 && s[k] == ' ' {
		k--
	}
	return k >= 0 && s[k] >= '0' && s[k] <= '9'
}

// pageFooter reports a page number line between the pieces of a flattened
// body ("— 3 —", "-3-", "第3页").
func pageFooter(s string) bool {
	t := strings.ReplaceAll(strings.ReplaceAll(fold(strings.TrimSpace(s)), " ", ""), "\u3000", "")
	return len(t) <= 24 && footerStart(t) && footerRe.MatchString(t)
}

// tableStart reports text holding the start of a table of the report: the
// words its header or the part heading before it print.
func tableStart(s string) bool {
	for _, w := range []string{"第二十条", "主动公开政府信息情况", "申请人情况", "政府信息公开申请情况", "行政复议", "结果维持"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// onlyRun reports text of figures alone (digits, spaces, signs, points).
func onlyRun(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isRunByte(s[i]) {
			return false
		}
	}
	return hasDigit(s)
}
