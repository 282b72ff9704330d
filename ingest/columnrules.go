package ingest

import "xxgk/ingest/schema"

// The column rules across the rows of part 三 (FORMAT.md rules 1 and 2),
// used to narrow the splits of flattened rows that their own arithmetic
// leaves open.

// maxCombos bounds the combinations of undecided rows tried against the
// column rules, per table and (parser.combos) per document.
const maxCombos = 200000

// byColumnRules narrows the rows whose own arithmetic left several splits
// by rules 1 and 2, applied to every column: a candidate survives when some
// choice of the other undecided rows makes every rule that involves it hold.
// Rules among decided rows only are not used: a report breaking one would
// leave nothing to choose between.
func (p *parser) byColumnRules(rows []*flatRow) {
	byKey := map[string]*flatRow{}
	var open []*flatRow
	for _, r := range rows {
		if len(r.cands) == 0 || r.more || r.printed {
			continue // unknown, or breaking rule 3: no rule can use it
		}
		byKey[r.slot.Key] = r
		if len(r.cands) > 1 {
			open = append(open, r)
		}
	}
	if len(open) == 0 {
		return
	}
	eqs := columnEquations(byKey, p.report.Template)
	var used []equation
	for _, e := range eqs {
		if e.involves(open) {
			used = append(used, e)
		}
	}
	combos := 1
	for _, r := range open {
		combos *= len(r.cands)
		if combos > maxCombos || combos > p.combos {
			return
		}
	}
	p.combos -= combos
	choice := make(map[string][]float64, len(byKey))
	for k, r := range byKey {
		if len(r.cands) == 1 {
			choice[k] = r.cands[0]
		}
	}
	for _, r := range open {
		r.keep = make([]bool, len(r.cands))
	}
	idx := make([]int, len(open))
	for {
		for i, r := range open {
			choice[r.slot.Key] = r.cands[idx[i]]
		}
		if allHold(used, choice) {
			for i, r := range open {
				r.keep[idx[i]] = true
			}
		}
		i := 0
		for ; i < len(open); i++ {
			idx[i]++
			if idx[i] < len(open[i].cands) {
				break
			}
			idx[i] = 0
		}
		if i == len(open) {
			break
		}
	}
	for _, r := range open {
		if n := count(r.keep); n == 1 && len(r.cands) > 1 {
			p.report.warnf("part 三, s3.%s: the run %s was split by the column sums (rules 1–2)", r.slot.Key, quote(r.src))
		}
	}
}

func count(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

// equation is one column rule: the signed sum of rows is 0 in every column.
type equation struct {
	keys  []string
	signs []float64
}

func (e equation) involves(rows []*flatRow) bool {
	for _, r := range rows {
		for _, k := range e.keys {
			if k == r.slot.Key {
				return true
			}
		}
	}
	return false
}

func allHold(eqs []equation, choice map[string][]float64) bool {
	for _, e := range eqs {
		for c := 0; c < s3Width; c++ {
			s := 0.0
			for i, k := range e.keys {
				s += e.signs[i] * choice[k][c]
			}
			if !equal(s, 0) {
				return false
			}
		}
	}
	return true
}

// columnEquations states rules 1 and 2 over the rows found; a rule is
// stated only when every row it needs was found.
func columnEquations(rows map[string]*flatRow, template string) []equation {
	has := func(keys ...string) bool {
		for _, k := range keys {
			if rows[k] == nil {
				return false
			}
		}
		return true
	}
	var out []equation
	if has("new", "carried_in", "processed", "carried_out") {
		out = append(out, equation{[]string{"new", "carried_in", "processed", "carried_out"}, []float64{1, 1, -1, -1}})
	}
	subs := has(schema.S3OtherSubRows...)
	if has("other") && subs {
		e := equation{keys: []string{"other"}, signs: []float64{1}}
		for _, k := range schema.S3OtherSubRows {
			e.keys, e.signs = append(e.keys, k), append(e.signs, -1)
		}
		out = append(out, e)
	}
	outcome := equation{keys: []string{"processed"}, signs: []float64{1}}
	for _, r := range schema.S3Rows {
		if !r.Outcome {
			continue
		}
		switch {
		case r.Key == "other" && has("other"):
		case r.Key == "other" && subs && template != schema.Template2019:
			for _, k := range schema.S3OtherSubRows {
				outcome.keys, outcome.signs = append(outcome.keys, k), append(outcome.signs, -1)
			}
			continue
		case r.Key == "other" || !has(r.Key):
			return out
		}
		outcome.keys, outcome.signs = append(outcome.keys, r.Key), append(outcome.signs, -1)
	}
	if has("processed") {
		out = append(out, outcome)
	}
	return out
}
