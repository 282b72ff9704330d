package ingest

import (
	"strings"

	"xxgk/ingest/schema"
)

// Rows printed empty. Where a table's cells exist (an HTML or DOCX row of
// empty <td>s, a tab- or pipe-separated row of empty fields), every one is a
// blank cell: 0, and listed in Report.Blank, like any other blank cell, even
// when the whole row or group is blank (FORMAT.md). splitLine reads a line of
// empty cells after a label as a label line (row.blankTail empty cells); the
// parts turn those back into blank values here, for rows whose label names a
// row of the template and whose empty cells are exactly as many as its
// columns.

// blankValues turns a table line with no figures and exactly width empty
// cells after its text into a row of width blank values.
func blankValues(r *row, width int) bool {
	if !r.table || len(r.vals) > 0 || r.blankTail != width {
		return false
	}
	r.vals = make([]value, width)
	for i := range r.vals {
		r.vals[i] = blankCell
	}
	r.lead, r.trail, r.blankTail, r.glued = 0, 0, 0, ""
	return true
}

// blankRequestRows marks the empty part 三 rows whose label is a row's own:
// a group label such as (六)其他处理 over its 2021 sub-rows is not a row.
func blankRequestRows(lines []row, template string) {
	for i := range lines {
		r := &lines[i]
		if !r.table || len(r.vals) > 0 || r.blankTail < s3Width || r.label == "" {
			continue
		}
		keys, w := bestMatch(s3Patterns, r.label)
		if len(keys) != 1 {
			continue
		}
		var key string
		for k := range keys {
			key = k
		}
		if w < weightLeaf && key != "processed" && !(key == "other" && (template == schema.Template2019 || collapsedOther(lines, i))) {
			continue
		}
		if !hasHead(r.label, requestLabelText(key)) ||
			wrappedNeighbour(lines, i, func(l string) bool { return strongestLast(s3Patterns, l) == key }) {
			continue
		}
		if !blankValues(r, s3Width) {
			blankValues(r, s3Width+1)
		}
	}
}

// collapsedOther reports a 2021 (六)其他处理 line that is the collapsed row
// some reports print instead of its three sub-rows: no sub-row follows it.
func collapsedOther(lines []row, i int) bool {
	for _, l := range lines[i+1:] {
		if l.label == "" {
			continue
		}
		return !strings.HasPrefix(strongestLast(s3Patterns, l.label), "other.")
	}
	return true
}

// hasHead reports whether label holds the first two characters of the
// template's label (numbering aside): a whole row's label starts there,
// while the second line of a wrapped label ("公开出版物" of 3.要求提供公开出版物)
// does not.
func hasHead(label, template string) bool {
	r := []rune(stripNumbering(normalize(template)))
	if len(r) < 2 {
		return true
	}
	return strings.Contains(label, string(r[:2]))
}

// requestLabelText is the printed label of a part 三 row.
func requestLabelText(key string) string {
	for _, r := range schema.S3Rows {
		if r.Key == key {
			return r.Label
		}
	}
	return ""
}

// wrappedNeighbour reports a label line next to a row of figures that is
// unlabelled or names the same row: the line is then a wrapped piece of that
// row's label ("3.危及“三安" 0 0 … / "全一稳定”" and empty cells), not a row
// of its own.
func wrappedNeighbour(lines []row, i int, same func(string) bool) bool {
	for _, j := range []int{i - 1, i + 1} {
		if j < 0 || j >= len(lines) || len(lines[j].vals) == 0 || allBlank(lines[j].vals) {
			continue
		}
		if lines[j].label == "" || same(lines[j].label) {
			return true
		}
	}
	return false
}

// blankProactiveRows marks the empty part 二 rows.
func blankProactiveRows(lines []row, template string) {
	for i := range lines {
		r := &lines[i]
		if !r.table || len(r.vals) > 0 || r.blankTail == 0 {
			continue
		}
		key := matchFirst(s2Patterns, r.label)
		spec, ok := proactiveRow(template, key, 0)
		if !ok || !hasHead(r.label, strings.TrimPrefix(spec.Label, "行政")) ||
			wrappedNeighbour(lines, i, func(l string) bool { return matchFirst(s2Patterns, l) == key }) {
			continue
		}
		if w := proactiveWidth(template, r.label); w > 0 {
			blankValues(r, w)
		}
	}
}

// blankAppealRows marks a part 四 row of fifteen empty cells.
func blankAppealRows(lines []row) {
	for i := range lines {
		r := &lines[i]
		if r.label == "" || strings.TrimSpace(r.label) == "" {
			blankValues(r, s4Width)
		}
	}
}

// blankOnly reports whether every table figure is a cell printed blank: a
// blank form, whose zeros are not a report of zero activity. Cells written
// with a mark ("/", "—", "无") in most of the places are the body's own
// "none", as a township with no activity prints them: not a blank form.
func (p *parser) blankOnly() bool {
	if 2*p.marked >= len(p.blank) && p.marked > 0 {
		return false
	}
	n := 0
	for k := range p.report.Figures {
		if k == schema.ProactiveItems {
			continue
		}
		if !p.blank[k] {
			return false
		}
		n++
	}
	return n > 0
}

// clearTables drops every table figure of a blank form.
func (p *parser) clearTables() {
	for k := range p.report.Figures {
		if k != schema.ProactiveItems {
			delete(p.report.Figures, k)
		}
	}
	clear(p.blank)
}

// printedDigits returns a stretch of a table that prints figures, "" if the
// tables print none: a document with figures in its tables is never a
// blank form, even where none of them could be placed.
func printedDigits(parts [numSections][]row) string {
	for _, sec := range []section{secProactive, secRequests, secAppeals} {
		for _, r := range parts[sec] {
			switch {
			case r.flat != notFlat && hasDigit(r.text):
				return r.text
			case r.glued != "":
				return r.text
			}
			for _, v := range r.vals {
				if !v.blank {
					return r.source()
				}
			}
		}
	}
	return ""
}
