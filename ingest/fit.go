package ingest

// Fitting a row's cells to the number of columns the template has. Extraction
// adds cells (a spare empty cell, a merged header) and drops them (a blank
// cell in layout text leaves no trace), so a row may hold one value too many
// or too few. The template's own arithmetic tells which reading is right;
// when it cannot, the figures stay absent rather than guessed.

// fitResult is a row fitted to its columns.
type fitResult struct {
	vals []value
	note string // why the row was read other than as printed; "" if it was not
	// alts holds the readings between which the row's own arithmetic cannot
	// choose (vals is then nil): the table's column sums may.
	alts [][]value
}

// sumRule reports whether the last value equals the sum of the others: rule 3
// for a part 三 row, rule 4 for a part 四 group.
func sumRule(vals []value) bool {
	n := len(vals)
	if n < 2 {
		return false
	}
	return equal(sum(nums(vals[:n-1])), vals[n-1].num)
}

// rule is the arithmetic a fitted row must satisfy.
type rule func([]value) bool

// inGroups returns the rule that every group of g cells sums to its last.
func inGroups(g int) rule { return func(vals []value) bool { return groupsHold(vals, g) } }

// groupsHold reports whether every group of size g satisfies sumRule.
func groupsHold(vals []value, g int) bool {
	for i := 0; i+g <= len(vals); i += g {
		if !sumRule(vals[i : i+g]) {
			return false
		}
	}
	return true
}

// fitRow fits r's values to want columns, choosing between readings by the
// arithmetic holds checks (the row's total for part 三, each group's total
// for part 四).
func fitRow(r row, want int, holds rule) (fitResult, bool) {
	vals := r.vals
	switch {
	case len(vals) == want:
		return fitResult{vals: vals}, true
	case len(vals) < want && len(vals)+r.lead+r.trail >= want:
		return fitWithEmpties(r, want, holds)
	case len(vals) == want+1:
		return dropOne(vals, holds)
	case len(vals) == want-1:
		return insertOne(vals, holds)
	}
	return fitResult{}, false
}

// fitWithEmpties reads the empty cells printed before or after the values as
// blank cells, choosing the split the arithmetic confirms and otherwise the
// cells nearest the values' end (a dropped trailing cell is the usual case).
func fitWithEmpties(r row, want int, holds rule) (fitResult, bool) {
	need := want - len(r.vals)
	var fallback []value
	for fromLead := min(need, r.lead); fromLead >= 0; fromLead-- {
		fromTrail := need - fromLead
		if fromTrail > r.trail {
			continue
		}
		vals := make([]value, 0, want)
		for range fromLead {
			vals = append(vals, blankCell)
		}
		vals = append(vals, r.vals...)
		for range fromTrail {
			vals = append(vals, blankCell)
		}
		if holds(vals) {
			return fitResult{vals: vals}, true
		}
		if fallback == nil || fromLead == 0 {
			fallback = vals
		}
	}
	return fitResult{vals: fallback}, fallback != nil
}

// dropOne reads a row with one value too many: the spare is the cell whose
// removal makes the arithmetic hold, preferably a blank one.
func dropOne(vals []value, holds rule) (fitResult, bool) {
	if allZero(vals) && !anyBlank(vals) && holds(vals[:len(vals)-1]) {
		// Every reading is the same row of zeros.
		return fitResult{vals: vals[:len(vals)-1]}, true
	}
	var cands [][]value
	var blankCands [][]value
	buf := make([]value, 0, len(vals)-1)
	for p := range vals {
		buf = append(append(buf[:0], vals[:p]...), vals[p+1:]...)
		if !holds(buf) {
			continue
		}
		c := append([]value(nil), buf...)
		cands = append(cands, c)
		if vals[p].blank {
			blankCands = append(blankCands, c)
		}
	}
	if len(blankCands) > 0 && allSame(blankCands) {
		return fitResult{vals: blankCands[0], note: "a spare empty cell was dropped"}, true
	}
	if len(cands) > 0 && allSame(cands) {
		note := "one spare cell was dropped where the arithmetic confirms it"
		if allZero(vals) {
			note = ""
		}
		return fitResult{vals: cands[0], note: note}, true
	}
	// None, or several different readings: the extra cell most often is a
	// trailing spare; keep that reading and say so.
	return fitResult{vals: vals[:len(vals)-1], note: "one cell too many and the arithmetic does not tell which is spare; the last cell was dropped"}, true
}

// insertOne reads a row with one value too few: a blank cell was lost. It is
// placed where exactly one reading satisfies the row's arithmetic; several
// such readings are returned as alternatives for the caller to weigh.
func insertOne(vals []value, holds rule) (fitResult, bool) {
	var cands [][]value
	for p := 0; p <= len(vals); p++ {
		c := make([]value, 0, len(vals)+1)
		c = append(c, vals[:p]...)
		c = append(c, blankCell)
		c = append(c, vals[p:]...)
		if holds(c) {
			cands = append(cands, c)
		}
	}
	switch {
	case len(cands) == 0:
		return fitResult{}, false
	}
	if alts := distinct(cands); len(alts) > 1 {
		return fitResult{alts: alts}, true
	}
	return fitResult{vals: distinct(cands)[0], note: "one cell was missing; a blank cell was placed where the arithmetic confirms it"}, true
}

// distinct merges readings with the same figures. Where they differ only in
// which zero was the blank cell, no cell of the merged reading is blank: the
// figures are certain, the blank is not.
func distinct(cands [][]value) [][]value {
	var out [][]value
	for _, c := range cands {
		merged := false
		for _, o := range out {
			if sameNumbers(o, c) {
				for i := range o {
					o[i].blank = o[i].blank && c[i].blank
				}
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, append([]value(nil), c...))
		}
	}
	return out
}

func sameNumbers(a, b []value) bool {
	for i := range a {
		if a[i].num != b[i].num {
			return false
		}
	}
	return true
}

func allSame(cands [][]value) bool {
	for _, c := range cands[1:] {
		for i := range c {
			if c[i].num != cands[0][i].num || c[i].blank != cands[0][i].blank {
				return false
			}
		}
	}
	return true
}

func anyBlank(vals []value) bool {
	for _, v := range vals {
		if v.blank {
			return true
		}
	}
	return false
}

func allZero(vals []value) bool {
	for _, v := range vals {
		if v.num != 0 {
			return false
		}
	}
	return true
}
