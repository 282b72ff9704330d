package ingest

import (
	"math"

	"xxgk/ingest/schema"
)

// Scores of the alignment: a row placed where its own label says, where the
// label lines above it say, by sequence alone; and the cost of leaving a
// labelled row unplaced.
const (
	scoreOwnLabel  = 10
	scoreHint      = 4
	scoreSequence  = 1
	costDropStrong = 5
)

// alignRows places rows on slots in order, maximising agreement with the
// labels (a dynamic programme over rows × slots, as in sequence alignment).
// It returns, for each row, the index of its slot or -1.
//
// Its two tables are taken from s (nil: allocated).
func alignRows(rows []s3Row, slots []schema.S3Row, s *scratch) []int {
	n, m := len(rows), len(slots)
	negInf := math.Inf(-1)
	// The scores as a table, filled from each row's few candidates: the
	// programme looks at every row × slot, a map lookup each.
	slotOf := make(map[string]int, m)
	for j, s := range slots {
		slotOf[s.Key] = j
	}
	buf := s.floatsFor(n*m + (n+1)*(m+1)) // one buffer for both tables
	scores := buf[:n*m]
	for i, r := range rows {
		sc := scores[i*m : (i+1)*m]
		for j := range sc {
			sc[j] = scoreSequence
			if r.strong {
				sc[j] = negInf // a row whose own label names other slots
			}
		}
		for k, w := range r.cands {
			j, ok := slotOf[k]
			switch {
			case !ok:
			case r.strong:
				sc[j] = float64(scoreOwnLabel * w)
			default:
				// Floating labels gather above the first row they belong
				// to, so among a hint's rows the earliest is the likeliest.
				sc[j] = float64(scoreHint*w) - 0.001*float64(j)
			}
		}
	}
	score := func(i, j int) float64 { return scores[i*m+j] }
	f := make([][]float64, n+1)
	cells := buf[n*m:] // zeroed, as the programme's first row must be
	for i := range f {
		f[i] = cells[i*(m+1) : (i+1)*(m+1)]
	}
	for i := 1; i <= n; i++ {
		drop := 0.0
		if rows[i-1].strong {
			drop = -costDropStrong
		}
		// The rows of the tables as slices of one length, and the maximum
		// by comparisons: the builtin max's care for NaN and the sign of
		// zero is not needed (the tables hold neither: sums of +0, finite
		// scores and -Inf): some 16 instructions a cell with it, 5 without.
		prev, cur, sc := f[i-1][:m+1], f[i][:m+1], scores[(i-1)*m:i*m]
		cur[0] = prev[0] + drop
		for j := 1; j <= m; j++ {
			v := prev[j] + drop
			if w := cur[j-1]; w > v {
				v = w
			}
			if w := prev[j-1] + sc[j-1]; w > v {
				v = w
			}
			cur[j] = v
		}
	}
	assign := make([]int, n)
	for i, j := n, m; i > 0; {
		switch {
		case j > 0 && f[i][j] == f[i-1][j-1]+score(i-1, j-1):
			assign[i-1] = j - 1
			i, j = i-1, j-1
		case j > 0 && f[i][j] == f[i][j-1]:
			j--
		default:
			assign[i-1] = -1
			i--
		}
	}
	return assign
}

// placeBySequence checks every run of rows placed by sequence alone: the run
// stands only if it fills exactly the template rows between its labelled
// neighbours (in one of the two ways to print 其他处理); otherwise its rows
// stay unplaced and are reported.
func (p *parser) placeBySequence(rows []s3Row, slots []schema.S3Row, assign []int) {
	labelled := func(i int) bool {
		if assign[i] < 0 {
			return false
		}
		_, ok := rows[i].cands[slots[assign[i]].Key]
		return ok
	}
	prevSlot := -1
	for i := 0; i < len(rows); {
		if labelled(i) {
			prevSlot = assign[i]
			i++
			continue
		}
		if rows[i].strong { // a labelled row the alignment left out
			i++
			continue
		}
		// A run of rows without a label match, up to the next labelled row.
		var run []int
		for i < len(rows) && !labelled(i) {
			if !rows[i].strong {
				run = append(run, i)
			}
			i++
		}
		nextSlot := len(slots)
		if i < len(rows) {
			nextSlot = assign[i]
		}
		var between []schema.S3Row
		if nextSlot > prevSlot+1 {
			between = slots[prevSlot+1 : nextSlot]
		}
		if target := sequenceTargets(between, len(run), p.report.Template); target != nil {
			for k, ri := range run {
				assign[ri] = indexOfSlot(slots, target[k])
			}
			continue
		}
		for _, ri := range run {
			assign[ri] = -1
			if !allBlank(rows[ri].fit.vals) {
				p.report.warnf("part 三: row %s has no label and cannot be placed by its position; its figures were not placed",
					quote(rows[ri].source()))
			}
		}
	}
}

// sequenceTargets returns the template rows n unlabelled rows fill between
// two placed rows, or nil when their number matches no way of printing them.
func sequenceTargets(between []schema.S3Row, n int, template string) []string {
	if n == 0 {
		return nil
	}
	collapsed, split := []string{}, []string{}
	for _, s := range between {
		if !s.Sub2021 {
			collapsed = append(collapsed, s.Key)
		}
		if s.Key != "other" {
			split = append(split, s.Key)
		}
	}
	switch {
	case len(split) == n && template != schema.Template2019:
		return split
	case len(collapsed) == n:
		return collapsed
	}
	return nil
}

func indexOfSlot(slots []schema.S3Row, key string) int {
	for i, s := range slots {
		if s.Key == key {
			return i
		}
	}
	return -1
}
