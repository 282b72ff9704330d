package ingest

import (
	"strings"

	"xxgk/ingest/schema"
)

// parseProactive reads part 二: one row per kind of item, keyed by its label.
func parseProactive(p *parser, lines []row) {
	if flat := flatRows(lines, flatProactive); len(flat) > 0 {
		for _, t := range flat {
			p.flatProactive(t)
		}
		return
	}
	blankProactiveRows(lines, p.report.Template)
	p.unglueProactive(lines)
	vrows := p.gather(lines, 3)
	vrows = p.capRows("part 二", vrows)
	for i, vr := range vrows {
		key := matchFirst(s2Patterns, vr.label)
		if key == "" && vr.label == "" {
			key = matchLast(s2Patterns, vr.hint)
		}
		if !vr.table && s2Keys(vr.label) > 1 {
			// Several rows run together into one line of text, their
			// figures among the words: the figures at its end are the
			// last row's at best, and its cells cannot be told.
			p.report.warnf("part 二: the line %s runs several rows together; its figures were not placed", quote(vr.source()))
			continue
		}
		spec, ok := proactiveRow(p.report.Template, key, len(vr.vals))
		if ok {
			if vals, placed := byColumns(vrows, i, len(spec.Columns)); placed {
				vr.vals = vals
			}
		}
		if !ok {
			if !allBlank(vr.vals) {
				p.report.warnf("part 二: figures %s belong to no row of the template; they were not placed", quote(vr.source()))
			}
			continue
		}
		p.placeProactiveRow(spec, vr)
	}
}

// s2Keys counts the part 二 rows a label names.
func s2Keys(label string) int {
	n := 0
	g := sigOf(label)
	seen := map[string]bool{}
	for _, p := range s2Patterns {
		if !seen[p.key] && p.positionSig(label, g) >= 0 {
			seen[p.key] = true
			n++
		}
	}
	return n
}

// proactiveWidth is the number of columns of the part 二 row a label names,
// 0 if it names none.
func proactiveWidth(template, label string) int {
	key := matchFirst(s2Patterns, label)
	if key == "" {
		return 0
	}
	spec, ok := proactiveRow(template, key, 0)
	if !ok {
		return 0
	}
	return len(spec.Columns)
}

// proactiveRow finds the template row for key. When the template is not
// known, the number of values decides between the two templates' shapes.
func proactiveRow(template, key string, nvals int) (schema.S2Row, bool) {
	if key == "" {
		return schema.S2Row{}, false
	}
	find := func(t string) (schema.S2Row, bool) {
		for _, r := range schema.S2Rows[t] {
			if r.Key == key {
				return r, true
			}
		}
		return schema.S2Row{}, false
	}
	if template != "" {
		return find(template)
	}
	r19, ok19 := find(schema.Template2019)
	r21, ok21 := find(schema.Template2021)
	switch {
	case ok21 && (!ok19 || len(r21.Columns) == nvals):
		return r21, true
	case ok19:
		return r19, true
	}
	return schema.S2Row{}, false
}

// placeProactiveRow stores one part 二 row. A row with fewer values than
// columns keeps only its first value: the cell next to the label is the one
// extraction moves least, while the others may have floated away.
func (p *parser) placeProactiveRow(spec schema.S2Row, vr valueRow) {
	where := placeName(s2RowWhere, "part 二 row ", spec.Label)
	vals := vr.vals
	want := len(spec.Columns)
	if len(vals) < want && len(vals)+vr.lead+vr.trail >= want {
		// Empty cells printed around the figures are blank cells in their
		// places: leading ones first, as a table row prints them.
		lead := min(vr.lead, want-len(vals))
		padded := make([]value, lead, want)
		for i := range padded {
			padded[i] = blankCell
		}
		vals = append(padded, vals...)
		for len(vals) < want {
			vals = append(vals, blankCell)
		}
	}
	for len(vals) > want && vals[len(vals)-1].blank {
		vals = vals[:len(vals)-1]
	}
	if want >= 1 && len(vals) > want && len(vals) <= 3 && repeated(vals[want-1:]) {
		// The last cell merged across the table's remaining value columns,
		// its value repeated in each (pandas.read_html and the converters
		// that expand spans print it so): 行政许可 | 5 | 5 | 5.
		vals = vals[:want]
	}
	switch {
	case len(vals) > want:
		p.report.warnf("%s: %d figures for %d columns in %s; they were not placed", where, len(vals), want, quote(vr.source()))
		return
	case len(vals) < want && withColumns(vals):
		// Layout text: the cells printed blank left no trace, and no row
		// nearby printed every column to tell which figure stands where.
		p.report.warnf("%s: %d figures for %d columns in %s, and their columns cannot be told; they were not placed",
			where, len(vals), want, quote(vr.source()))
		return
	case len(vals) < want:
		p.report.warnf("%s: %d figures for %d columns in %s; only the first was placed", where, len(vals), want, quote(vr.source()))
		vals = vals[:1]
	}
	unitText := vr.hint + vr.label
	for i, v := range vals {
		col := spec.Columns[i]
		if spec.Decimal[col.Key] {
			v = p.inTenThousands(v, unitText, where)
		}
		p.set(figureKey("s2", spec.Key, col.Key), v, where)
	}
}

// repeated reports values that all print the same figure.
func repeated(vals []value) bool {
	for _, v := range vals[1:] {
		if v.blank || vals[0].blank || v.num != vals[0].num || v.unit != vals[0].unit {
			return false
		}
	}
	return true
}

// inTenThousands converts an amount to 万元, the template's unit, reading the
// unit from the header or the cell.
func (p *parser) inTenThousands(v value, header, where string) value {
	unit := v.unit
	if unit == "" {
		switch {
		case strings.Contains(header, "万元"):
			unit = "万元"
		case strings.Contains(header, "(元)") || strings.Contains(header, ":元") || strings.Contains(header, "元)"):
			unit = "元"
		}
	}
	switch unit {
	case "元":
		if v.num != 0 {
			p.report.warnf("%s: amount %s printed in 元, stored as %s 万元", where, v.raw,
				strings.TrimRight(strings.TrimRight(sprintf("%.6f", v.num/10000), "0"), "."))
		}
		v.num /= 10000
	case "":
		if v.num != 0 {
			p.report.warnf("%s: amount %s printed without a unit; kept as printed (assumed 万元)", where, v.raw)
		}
	}
	return v
}
