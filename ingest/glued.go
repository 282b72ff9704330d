package ingest

import (
	"strings"

	"xxgk/ingest/schema"
)

// Rows of an ordinary table whose cells ran together: a label with a run of
// digits glued to it ("一、本年新收政府信息公开申请数量21710000218"), or one
// token of more digits than any cell holds. The same splitter as for
// flattened text reads them (split.go): a split is taken only when it is the
// only one the template allows.

// gluedRun returns a row's cells run together, "" if it has none: digits
// glued to its label with no value after them, a lone value token of at
// least minDigits digits with no sign, point or separator, or tokens of
// which one has a leading zero.
func gluedRun(r row, minDigits int) string {
	switch {
	case r.glued != "" && len(r.vals) == 0:
		return r.glued
	case len(r.vals) == 1 && !r.vals[0].blank && len(r.vals[0].raw) >= minDigits && allDigits(r.vals[0].raw):
		return r.vals[0].raw
	}
	return leadingZeroRun(r.vals)
}

// leadingZeroRun returns the tokens of a row of whole numbers, joined by
// spaces, when one of them has a leading zero ("1 0 0 0 0 01"): no table
// prints 01, so cells ran together there. "" otherwise.
func leadingZeroRun(vals []value) string {
	glued := false
	for _, v := range vals {
		if v.blank || !allDigits(v.raw) {
			return ""
		}
		if len(v.raw) > 1 && v.raw[0] == '0' {
			glued = true
		}
	}
	if !glued {
		return ""
	}
	raws := make([]string, len(vals))
	for i, v := range vals {
		raws[i] = v.raw
	}
	return strings.Join(raws, " ")
}

// asValues turns a split into the row's values.
func asValues(nums []float64) []value {
	vals := make([]value, len(nums))
	for i, v := range nums {
		vals[i] = splitCell(v)
		if !vals[i].blank {
			vals[i].raw = schema.FormatNumber(v)
		}
	}
	return vals
}

// unglueRequests splits the glued part 三 rows whose label names a row.
func (p *parser) unglueRequests(lines []row) {
	for i := range lines {
		r := &lines[i]
		run := gluedRun(*r, s3Width)
		if run == "" || strongestLast(s3Patterns, r.label) == "" {
			continue
		}
		res := splitRequestRun(run, false, &p.splitOps)
		p.takeSplit(r, run, res, "part 三, row "+quote(r.label))
	}
}

// unglueAppeals splits a part 四 row of fifteen cells run together.
func (p *parser) unglueAppeals(lines []row) {
	for i := range lines {
		r := &lines[i]
		run := gluedRun(*r, s4Width)
		if run == "" {
			continue
		}
		res := splitRun(run, splitSpec{kinds: make([]cellKind, s4Width), group: s4Group, budget: &p.splitOps})
		p.takeSplit(r, run, res, "part 四")
	}
}

// unglueProactive splits a part 二 row whose figures ran together with its
// label ("规章000"); the row's columns are all the template demands of it.
func (p *parser) unglueProactive(lines []row) {
	for i := range lines {
		r := &lines[i]
		key := matchFirst(s2Patterns, r.label)
		spec, ok := proactiveRow(p.report.Template, key, 0)
		if !ok || r.glued == "" || len(r.vals) > 0 {
			continue
		}
		res := splitRun(r.glued, splitSpec{kinds: proactiveKinds(spec), budget: &p.splitOps})
		p.takeSplit(r, r.glued, res, "part 二 row "+spec.Label+" (s2."+spec.Key+")")
	}
}

// takeSplit makes the only split of run the row's values, or says why
// there is none.
func (p *parser) takeSplit(r *row, run string, res runSplits, where string) {
	switch {
	case len(res.cands) == 1 && !res.more:
		r.label = strings.TrimSuffix(r.label, run)
		r.vals = asValues(res.cands[0])
		r.glued, r.lead, r.trail = "", 0, 0
	case len(res.cands) == 0 && !res.more:
		p.report.warnf("%s: no split of the figures %s run together fits the template; they were not placed", where, quote(run))
	default:
		p.report.warnf("%s: the figures %s run together split into candidates %s; they were not placed",
			where, quote(run), formatSplits(res.cands, res.more))
	}
}

// proactiveKinds says what each cell of a part 二 row may hold.
func proactiveKinds(spec schema.S2Row) []cellKind {
	kinds := make([]cellKind, len(spec.Columns))
	for i, c := range spec.Columns {
		switch {
		case spec.Decimal[c.Key]:
			kinds[i] = cellAmount
		case c.Key == "change":
			kinds[i] = cellSigned
		}
	}
	return kinds
}
