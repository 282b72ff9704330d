package ingest

import (
	"strings"
	"unicode/utf8"

	"xxgk/ingest/schema"
)

// s3Width is the number of applicant columns including 总计.
var s3Width = len(schema.S3Columns)

// s3Row is a value row of part 三 with what its labels say about it.
type s3Row struct {
	valueRow
	fit fitResult
	// cands are the template rows the row's own label matches; strong means
	// the label is printed in the row, so the row cannot be anything else.
	// The map may be shared (bestMatch): read it only.
	cands  map[string]int
	strong bool
}

// parseRequests reads part 三: it fits every value row to the seven applicant
// columns, then aligns the rows with the template's row order. Rows whose
// label is torn off are placed by sequence, but only where the rows between
// two placed rows are exactly as many as the template rows between them.
func parseRequests(p *parser, lines []row) {
	if flat := flatRows(lines, flatRequests); len(flat) > 0 {
		for _, t := range flat {
			p.flatRequests(t)
		}
		return
	}
	blankRequestRows(lines, p.report.Template)
	p.unglueRequests(lines)
	vrows := p.gather(lines, s3Width+1)
	vrows = p.capRows("part 三", vrows)
	wide := hasSubtotalColumn(lines, vrows)
	col0 := naturalColumn(lines)

	width := s3Width
	if wide {
		width++
	}
	rows := p.s.s3RowsFor(len(vrows))
	for i, vr := range vrows {
		if vals, ok := positional(vr.row, col0, wide, p.lineWork()); ok {
			vr.vals, vr.lead, vr.trail = vals, 0, 0
		} else if vals, ok := byColumns(vrows, i, width); ok {
			vr.vals = vals
		} else if vals, ok := byColumnClusters(vrows, i, width); ok {
			vr.vals = vals
		}
		sr := s3Row{valueRow: vr}
		if !p.fitRequestRow(&sr, wide) {
			continue
		}
		sr.cands, sr.strong = requestLabel(vr)
		rows = append(rows, sr)
	}
	if p.s != nil {
		p.s.s3rows = rows // to be cleared with the others
	}
	if len(rows) == 0 {
		return
	}
	slots := requestSlots(p.report.Template)
	assign := alignRows(rows, slots, p.s)
	p.placeBySequence(rows, slots, assign)

	var undecided []int
	for i, j := range assign {
		switch {
		case j < 0 && rows[i].strong:
			p.report.warnf("part 三: row %s is out of the template's row order (repeated or mislabelled); its figures were not placed",
				quote(rows[i].source()))
		case j < 0:
		case rows[i].fit.alts != nil:
			undecided = append(undecided, i)
		default:
			p.placeRequestRow(rows[i], slots[j])
		}
	}
	for _, i := range undecided {
		p.placeByColumnSums(rows[i], slots[assign[i]])
	}
}

// placeByColumnSums places a row that lost a blank cell, when the table's column
// rules (1 and 2) hold under exactly one of its readings.
func (p *parser) placeByColumnSums(r s3Row, slot schema.S3Row) {
	keys := schema.S3RowKeys(slot.Key)
	bestAlt, bestN, ties := -1, 0, 0
	for a, alt := range r.fit.alts {
		trial := make(map[string]float64, len(p.report.Figures)+len(keys))
		for k, v := range p.report.Figures {
			trial[k] = v
		}
		for c, k := range keys {
			trial[k] = alt[c].num
		}
		n := 0
		for _, v := range schema.Check(trial) {
			if v.Rule == schema.RuleBalance || v.Rule == schema.RuleOutcomes {
				n++
			}
		}
		switch {
		case bestAlt < 0 || n < bestN:
			bestAlt, bestN, ties = a, n, 0
		case n == bestN:
			ties++
		}
	}
	if ties > 0 || bestN > 0 {
		p.report.warnf("part 三, %s: a cell of %s is missing and neither the row nor the column sums tell which; its figures were not placed",
			slot.Key, quote(r.source()))
		return
	}
	r.fit = fitResult{vals: r.fit.alts[bestAlt], note: "one cell was missing; a blank cell was placed where the column sums confirm it"}
	p.placeRequestRow(r, slot)
}

// fitRequestRow fits a row to seven columns, reading and checking the
// 法人或其他组织 subtotal column where the table prints one.
func (p *parser) fitRequestRow(sr *s3Row, wide bool) bool {
	r := sr.row
	// In a table with the subtotal column, a row that has room for eight
	// cells is read as eight; one printing seven is read as the template's.
	wide = wide && len(r.vals)+r.lead+r.trail > s3Width
	want, holds := s3Width, rule(sumRule)
	if wide {
		want, holds = s3Width+1, subtotalRule
	}
	fit, ok := fitRow(r, want, holds)
	if !ok {
		if !allBlank(r.vals) {
			p.report.warnf("part 三: %d figures in %s do not fit the %d columns; they were not placed",
				len(r.vals), quote(r.source()), want)
		}
		return false
	}
	if wide && fit.vals != nil {
		v := fit.vals
		if !equal(sum(nums(v[1:6])), v[6].num) {
			p.report.Checks = append(p.report.Checks, schema.Violation{
				Rule: schema.RuleApplicants, Where: "s3 row " + quote(r.source()) + " 法人或其他组织 subtotal",
				Expected: sum(nums(v[1:6])), Found: v[6].num})
		}
		fit.vals = append(append([]value{}, v[:6]...), v[7])
	}
	if wide && fit.alts != nil {
		for i, alt := range fit.alts {
			fit.alts[i] = append(append([]value{}, alt[:6]...), alt[7])
		}
	}
	sr.fit = fit
	return true
}

// subtotalRule checks a row of eight cells: the 法人或其他组织 subtotal is the
// sum of the five organisation columns, and the total is 自然人 plus it.
func subtotalRule(v []value) bool {
	return len(v) == s3Width+1 && equal(sum(nums(v[1:6])), v[6].num) && equal(v[0].num+v[6].num, v[7].num)
}

// naturalColumn returns the index of the 自然人 cell in a header row of
// exact table cells, or -1. Tables copied as text keep every cell, so the
// header tells where the figures start even when blank cells and the empty
// cells under a wide label look alike.
func naturalColumn(lines []row) int {
	for _, l := range lines {
		if !l.table || len(l.vals) > 0 {
			continue
		}
		for i, c := range l.cells {
			if normalize(c) == "自然人" {
				return i
			}
		}
	}
	return -1
}

// positional reads a row by the header's columns: the figures are the cells
// from col0 on, empty cells blank, and nothing but empty cells after them.
// It declines (false) whenever the row does not fit that shape exactly.
// The values come from w's shared arrays (nil: their own).
func positional(r row, col0 int, wide bool, w *lineWork) ([]value, bool) {
	width := s3Width
	if wide {
		width++
	}
	if col0 < 0 || !r.table || len(r.cells) < col0+width {
		return nil, false
	}
	vals := w.valsFor(width)
	for i, c := range r.cells {
		c = trimSpace(fold(c))
		v, isVal := parseValue(c)
		switch {
		case i < col0 && isVal:
			return nil, false
		case i < col0:
		case i < col0+width && c == "":
			vals = append(vals, blankCell)
		case i < col0+width && isVal:
			vals = append(vals, v)
		case i < col0+width, c != "":
			return nil, false
		}
	}
	if allBlank(vals) {
		return nil, false
	}
	return vals, true
}

// hasSubtotalColumn reports whether part 三 prints an eighth column,
// 法人或其他组织 合计, before 总计: said by a header, or shown by most rows
// holding eight values whose seventh is the sum of the five before it.
func hasSubtotalColumn(lines []row, vrows []valueRow) bool {
	for _, l := range lines {
		if len(l.vals) == 0 && (containsCJK(l.text, "合计") || containsCJK(l.text, "小计")) {
			return true
		}
	}
	eight, seven, confirmed := 0, 0, 0
	for _, vr := range vrows {
		switch len(vr.vals) {
		case s3Width:
			seven++
		case s3Width + 1:
			eight++
			v := vr.vals
			if !allZero(v) && equal(sum(nums(v[1:6])), v[6].num) && equal(v[0].num+v[6].num, v[7].num) {
				confirmed++
			}
		}
	}
	return eight > seven && confirmed > 0
}

// requestLabel matches a row's labels against the part 三 rows. A label
// printed in the row binds it; when that label is only a fragment two rows
// share, the label lines above it complete it. Label lines alone are a hint.
func requestLabel(vr valueRow) (map[string]int, bool) {
	own, w := bestMatch(s3Patterns, vr.label)
	// A group's words followed by a numbered item that names nothing
	// ("（六）其他处理 1.申请人无正" / "当理由逾期不补正…") are a sub-row whose
	// label wrapped: the group does not bind it.
	if vr.label != "" && (w < weightGroup || w == weightGroup && subItemNumber(vr.label)) {
		// The row's own label is a fragment: the rest of it wrapped onto the
		// line above (huaian: 逾期不补 / 正、行政机关…) or below (7.属于行政 /
		// 执法案卷).
		// A fragment that starts with its item number is a label's head;
		// one that starts mid-word is its tail.
		type join struct {
			text     string
			from, to int // the part that must take part in the match
		}
		// Borrowed from above, the match must reach into the row's own
		// label; a line below that starts no item of its own continues it.
		var joins []join
		if vr.hint != "" {
			joins = append(joins, join{vr.hint + vr.label, len(vr.hint), len(vr.hint) + len(vr.label)})
		}
		if vr.next != "" && !startsWithItemNumber(vr.next) {
			j := join{vr.label + vr.next, 0, len(vr.label) + len(vr.next)}
			if startsWithItemNumber(vr.label) {
				joins = append([]join{j}, joins...)
			} else {
				joins = append(joins, j)
			}
		}
		for _, j := range joins {
			if c, jw := best(matchOverlapping(s3Patterns, j.text, j.from, j.to)); jw > w {
				own, w = c, jw
				break
			}
		}
	}
	if w > 0 {
		return own, true
	}
	hint, _ := bestMatch(s3Patterns, vr.hint+vr.label)
	return hint, false
}

// subItemNumber reports a label holding a numbered sub-item ("1.", "2、")
// after some text.
func subItemNumber(label string) bool {
	for i := 1; i+1 < len(label); i++ {
		if c := label[i]; c >= '0' && c <= '9' && (label[i-1] < '0' || label[i-1] > '9') &&
			(label[i+1] == '.' || strings.HasPrefix(label[i+1:], "、") || strings.HasPrefix(label[i+1:], "．")) {
			return true
		}
	}
	return false
}

// startsWithItemNumber reports labels such as "8.属于…", "1、申请人…",
// "(三)不予公开", "二、上年结转…".
func startsWithItemNumber(label string) bool {
	if label == "" {
		return false
	}
	if label[0] >= '0' && label[0] <= '9' {
		return true
	}
	if strings.HasPrefix(label, "(") || strings.HasPrefix(label, "（") {
		return true
	}
	// A Chinese numeral and 、: the template's 一、 to 四、 rows.
	r, size := utf8.DecodeRuneInString(label)
	return strings.ContainsRune("一二三四五六七八九十", r) && strings.HasPrefix(label[size:], "、")
}

// requestSlots lists the part 三 rows a template may print, in order. The
// slice is shared: do not modify it.
func requestSlots(template string) []schema.S3Row {
	if template == schema.Template2019 {
		return slots2019
	}
	return slotsOther
}

// The two lists requestSlots returns, built once.
var slots2019, slotsOther = buildSlots(schema.Template2019), buildSlots("")

func buildSlots(template string) []schema.S3Row {
	var out []schema.S3Row
	for _, r := range schema.S3Rows {
		if r.Sub2021 && template == schema.Template2019 {
			continue
		}
		out = append(out, r)
	}
	return out
}

// placeRequestRow stores one placed row's figures.
func (p *parser) placeRequestRow(r s3Row, slot schema.S3Row) {
	if r.fit.note != "" {
		p.report.warnf("part 三, %s: %s (row %s)", slot.Key, r.fit.note, quote(r.source()))
	}
	p.setRow(schema.S3RowKeys(slot.Key), r.fit.vals, placeName(s3RowWhere, "part 三 row ", slot.Key))
}

func allBlank(vals []value) bool {
	for _, v := range vals {
		if !v.blank {
			return false
		}
	}
	return true
}
