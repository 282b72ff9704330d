package ingest

// Layout text (pdftotext -layout) prints each figure under its column, but a
// cell printed blank leaves nothing at all: "2   1            3" under seven
// headers. Where the text keeps the columns, the figures of such a row can be
// placed by where they stand, against a nearby row that printed every cell.

// withColumns reports whether every value carries the column it stood at.
func withColumns(vals []value) bool {
	for _, v := range vals {
		if v.col < 0 {
			return false
		}
	}
	return len(vals) > 0
}

// byColumns places the figures of rows[i], which printed fewer than width,
// under the columns of the nearest row (by position in the document, so on
// the same page as far as possible) that printed all width figures. The
// cells no figure stands under are blank. It declines when the row carries
// no columns, no reference row exists, or a figure stands under no column or
// under the same one as another.
func byColumns(rows []valueRow, i, width int) ([]value, bool) {
	r := rows[i]
	if len(r.vals) == 0 || len(r.vals) >= width || !withColumns(r.vals) {
		return nil, false
	}
	ref := nearestFull(rows, i, width)
	if ref < 0 {
		return nil, false
	}
	cols := make([]int, width)
	for k, v := range rows[ref].vals {
		cols[k] = v.col
	}
	return placeUnder(r.vals, cols, minGap(cols)/2)
}

// placeUnder places vals, in order, under the nearest of the columns
// starting at cols, the others blank; it declines when two would share a
// column or one stands farther than tolerance from its column.
func placeUnder(vals []value, cols []int, tolerance int) ([]value, bool) {
	out := make([]value, len(cols))
	for k := range out {
		out[k] = blankCell
	}
	last := -1
	for _, v := range vals {
		k := nearestColumn(cols, v.col)
		if k <= last || abs(cols[k]-v.col) > tolerance {
			return nil, false
		}
		out[k] = v
		last = k
	}
	return out, true
}

// byColumnClusters places the figures of rows[i], which printed fewer than
// width, under columns read off all the rows together: where blank cells
// are common no row prints every column, but the figures of the table,
// taken together, stand in exactly width clear columns. It declines unless
// they do, and as byColumns does.
func byColumnClusters(rows []valueRow, i, width int) ([]value, bool) {
	r := rows[i]
	if len(r.vals) == 0 || len(r.vals) >= width || !withColumns(r.vals) {
		return nil, false
	}
	cols, ok := columnClusters(rows, width)
	if !ok {
		return nil, false
	}
	return placeUnder(r.vals, cols, clusterSpread)
}

// clusterSpread is how far the figures of one column may stand from each
// other (a centred figure starts a little left or right as its width
// changes); columns must stand more than twice as far apart.
const clusterSpread = 2

// columnClusters returns the columns the figures of rows stand in, left to
// right, when they form exactly width groups, each spread at most
// clusterSpread and apart from the next by more than twice that.
func columnClusters(rows []valueRow, width int) ([]int, bool) {
	var at []int
	for _, r := range rows {
		if !withColumns(r.vals) || len(r.vals) > width {
			continue
		}
		for _, v := range r.vals {
			if !v.blank {
				at = append(at, v.col)
			}
		}
	}
	if len(at) < width {
		return nil, false
	}
	sortInts(at)
	var cols []int
	lo := at[0]
	for k := 1; k <= len(at); k++ {
		if k < len(at) && at[k]-at[k-1] <= clusterSpread {
			continue
		}
		hi := at[k-1]
		if hi-lo > clusterSpread {
			return nil, false
		}
		cols = append(cols, (lo+hi)/2)
		if k < len(at) {
			if at[k]-hi <= 2*clusterSpread {
				return nil, false
			}
			lo = at[k]
		}
	}
	return cols, len(cols) == width
}

func sortInts(a []int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// nearestFull finds the row closest to i holding exactly width figures with
// their columns, looking back first; -1 if none.
func nearestFull(rows []valueRow, i, width int) int {
	for d := 1; d < len(rows); d++ {
		for _, j := range []int{i - d, i + d} {
			if j >= 0 && j < len(rows) && len(rows[j].vals) == width && withColumns(rows[j].vals) && !rows[j].merged {
				return j
			}
		}
	}
	return -1
}

func nearestColumn(cols []int, at int) int {
	best := 0
	for k, c := range cols {
		if abs(c-at) < abs(cols[best]-at) {
			best = k
		}
	}
	return best
}

// minGap is the smallest distance between neighbouring columns, at least 2.
func minGap(cols []int) int {
	gap := 1 << 30
	for k := 1; k < len(cols); k++ {
		gap = min(gap, abs(cols[k]-cols[k-1]))
	}
	return max(gap, 2)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// wholeGroups places the figures of a part 四 row from which whole groups of
// five printed blank left no trace: 10 or 5 figures where 15 belong. It tries
// each choice of blank groups and keeps the one under which the figures'
// columns lie most evenly along the fifteen slots, with the first slot under
// the leftmost header column (left). It declines unless one choice is
// clearly better than every other.
func wholeGroups(vals []value, left int) ([]value, bool) {
	n := len(vals)
	if (n != 2*s4Group && n != s4Group) || !withColumns(vals) || left < 0 {
		return nil, false
	}
	var choices [][]int // the groups that printed figures, in order
	for a := 0; a < 3; a++ {
		if n == s4Group {
			choices = append(choices, []int{a})
			continue
		}
		for b := a + 1; b < 3; b++ {
			choices = append(choices, []int{a, b})
		}
	}
	best, second, bestChoice := inf, inf, -1
	for c, printed := range choices {
		slots := make([]float64, 0, n)
		for _, g := range printed {
			for k := range s4Group {
				slots = append(slots, float64(g*s4Group+k))
			}
		}
		if score := slotFit(vals, slots, float64(left)); score < best {
			best, second, bestChoice = score, best, c
		} else if score < second {
			second = score
		}
	}
	if bestChoice < 0 || !(best < second/2) {
		return nil, false
	}
	out := make([]value, s4Width)
	for k := range out {
		out[k] = blankCell
	}
	i := 0
	for _, g := range choices[bestChoice] {
		for k := range s4Group {
			out[g*s4Group+k] = vals[i]
			i++
		}
	}
	return out, true
}

const inf = 1e18

// slotFit fits col = a + b·slot to the figures by least squares and returns
// the mean squared residual in slots, plus how far slot 0 falls from the
// header's left edge, in slots.
func slotFit(vals []value, slots []float64, left float64) float64 {
	var sx, sy, sxx, sxy float64
	n := float64(len(vals))
	for i, v := range vals {
		x, y := slots[i], float64(v.col)
		sx, sy, sxx, sxy = sx+x, sy+y, sxx+x*x, sxy+x*y
	}
	den := n*sxx - sx*sx
	if den == 0 {
		return inf
	}
	b := (n*sxy - sx*sy) / den
	a := (sy - b*sx) / n
	if b <= 0 {
		return inf
	}
	var res float64
	for i, v := range vals {
		d := (float64(v.col) - (a + b*slots[i])) / b
		res += d * d
	}
	edge := (a - left) / b
	return res/n + edge*edge
}
