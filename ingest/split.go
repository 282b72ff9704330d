package ingest

import (
	"math"
	"strconv"
	"strings"
)

// Splitting a run of digits whose cells ran together ("21710000218" is 217,
// 1, 0, 0, 0, 0, 218) back into cells. Text flattened onto one line, OCR and
// some PDF text lose the separators between cells; what the template demands
// of a row (its number of cells, numbers without leading zeros, a total that
// is the sum of the cells before it) usually leaves one split only. The
// splitter lists every split that satisfies those demands, and the caller
// takes one only when it is the only one: it never guesses.

// cellKind says what one cell of a run may hold.
type cellKind uint8

const (
	cellCount  cellKind = iota // a whole number ≥ 0
	cellSigned                 // a whole number with an optional sign (本年增/减)
	cellAmount                 // a decimal ≥ 0 (an amount in 万元 or 元)
)

// Bounds of the search: a run is short, but a pathological one must not make
// the search explode.
const (
	maxSplits   = 32     // candidate splits kept per run; more means "too many"
	maxSplitOps = 200000 // cells tried per run
	maxCellLen  = 15     // characters in one cell
)

// splitSpec is what the template demands of one run.
type splitSpec struct {
	kinds []cellKind
	// group, when > 1, makes every group of that many cells end with the sum
	// of the cells before it (rule 3: a part 三 row; rule 4: a part 四 group).
	group int
	// holds, when set, is a further test of a whole split.
	holds func([]float64) bool
	// budget, when set, is the document's allowance of cells tried, shared
	// by all its runs: a document of thousands of runs stays bounded too.
	budget *int
}

// runSplits is what splitting one run found.
type runSplits struct {
	cands [][]float64 // the splits satisfying the spec, at most maxSplits
	more  bool        // the search stopped at a bound: there may be others
}

// splitRun lists the splits of run into len(spec.kinds) cells. White space
// and signs in the run are boundaries a cell never crosses.
func splitRun(run string, spec splitSpec) runSplits {
	s := splitter{toks: runTokens(run), spec: spec, cur: make([]float64, 0, len(spec.kinds))}
	s.rest = make([]int, len(s.toks)+1)
	for i := len(s.toks) - 1; i >= 0; i-- {
		s.rest[i] = s.rest[i+1] + len(s.toks[i])
	}
	if len(s.toks) > 0 && len(s.toks) <= len(spec.kinds) {
		s.walk(0, 0, 0)
	}
	return runSplits{cands: s.out, more: s.more}
}

// runTokens cuts a run at white space, before every sign ("2648-18538" is
// "2648", "-18538") and around every blank mark ("5//1" is "5", "/", "/",
// "1"; a "-" not followed by a digit is a mark).
func runTokens(run string) []string {
	var out []string
	for _, f := range strings.Fields(run) {
		start := 0
		for i := 0; i < len(f); {
			n := markerLen(f[i:])
			if n == 0 && f[i] == '-' && (i+1 == len(f) || f[i+1] < '0' || f[i+1] > '9') {
				n = 1
			}
			switch {
			case n > 0:
				if i > start {
					out = append(out, f[start:i])
				}
				out = append(out, f[i:i+n])
				i += n
				start = i
				continue
			case i > start && (f[i] == '-' || f[i] == '+'):
				out = append(out, f[start:i])
				start = i
			}
			i++
		}
		if start < len(f) {
			out = append(out, f[start:])
		}
	}
	return out
}

// blankZero is how a split holds a cell printed as a blank mark: 0, told
// apart by its sign bit (sums and comparisons take it for 0).
var blankZero = math.Copysign(0, -1)

// isBlankMark reports a token that is one blank mark.
func isBlankMark(tok string) bool {
	return tok == "-" || len(tok) == markerLen(tok)
}

// splitCell turns one cell of a split into a value: a blank mark is 0,
// printed blank.
func splitCell(v float64) value {
	if v == 0 && math.Signbit(v) {
		return value{blank: true, raw: "/", col: -1}
	}
	return value{num: v, col: -1}
}

type splitter struct {
	toks []string
	rest []int // rest[i]: characters in toks[i:]
	spec splitSpec
	cur  []float64
	out  [][]float64
	ops  int
	more bool
}

// walk places cell ci at toks[ti][pos:].
func (s *splitter) walk(ti, pos, ci int) {
	n := len(s.spec.kinds)
	if s.more {
		return
	}
	if ci == n {
		if ti == len(s.toks) && (s.spec.holds == nil || s.spec.holds(s.cur)) {
			if len(s.out) == maxSplits {
				s.more = true
				return
			}
			s.out = append(s.out, append([]float64(nil), s.cur...))
		}
		return
	}
	left := s.rest[ti] - pos // characters still to place
	// Every cell takes a character, and every token at least one cell.
	if ti == len(s.toks) || n-ci > left || n-ci < len(s.toks)-ti {
		return
	}
	tok := s.toks[ti]
	if g := s.spec.group; g > 1 && ci%g == g-1 {
		// The group's total is the sum of its cells: read, not searched.
		want := sum(s.cur[ci-(g-1) : ci])
		if want == 0 && pos == 0 && isBlankMark(tok) {
			// A total printed blank over parts that are all 0.
			s.place(ti, ci, len(tok), blankZero)
			return
		}
		str := strconv.FormatFloat(math.Abs(want), 'f', -1, 64)
		if !strings.HasPrefix(tok[pos:], str) {
			// Printed with thousands separators ("14,069").
			str = groupThousands(str)
		}
		if strings.HasPrefix(tok[pos:], str) {
			if _, ok := cellValue(str, s.spec.kinds[ci]); ok {
				s.place(ti, ci, pos+len(str), want)
			}
		}
		return
	}
	for end := pos + 1; end <= len(tok) && end-pos <= maxCellLen; end++ {
		s.ops++
		if s.ops > maxSplitOps || s.spec.budget != nil && *s.spec.budget <= 0 {
			s.more = true
			return
		}
		if s.spec.budget != nil {
			*s.spec.budget--
		}
		c := tok[pos:end]
		if isBlankMark(c) && (pos > 0 || end < len(tok)) {
			continue // a mark is a whole token: "-18" is a sign, not a mark
		}
		v, ok := cellValue(c, s.spec.kinds[ci])
		if !ok {
			continue
		}
		s.place(ti, ci, end, v)
	}
}

// place takes toks[ti][pos:end], read as v, as cell ci and goes on with
// the next cell.
func (s *splitter) place(ti, ci, end int, v float64) {
	s.cur = append(s.cur, v)
	if end == len(s.toks[ti]) {
		s.walk(ti+1, 0, ci+1)
	} else {
		s.walk(ti, end, ci+1)
	}
	s.cur = s.cur[:len(s.cur)-1]
}

// cellValue reads one cell of a split: no leading zeros ("07" is two cells),
// a sign only where the column takes one, a decimal point only in amounts.
func cellValue(c string, kind cellKind) (float64, bool) {
	if isBlankMark(c) {
		return blankZero, true
	}
	t := c
	if kind == cellSigned && (t[0] == '-' || t[0] == '+') {
		t = t[1:]
	}
	intPart, frac, dec := strings.Cut(t, ".")
	if strings.Contains(intPart, ",") {
		// Thousands separators: groups of three after the first.
		if !thousandsGrouped(intPart) {
			return 0, false
		}
		intPart = strings.ReplaceAll(intPart, ",", "")
		c = strings.ReplaceAll(c, ",", "")
	}
	switch {
	case intPart == "" || !allDigits(intPart):
		return 0, false
	case len(intPart) > 1 && intPart[0] == '0':
		return 0, false
	case dec && (kind != cellAmount || frac == "" || !allDigits(frac)):
		return 0, false
	}
	v, err := strconv.ParseFloat(c, 64)
	return v, err == nil
}

// thousandsGrouped reports digits grouped by commas as thousands are:
// "4,185", "11,398,889"; not "41,85" or ",185".
func thousandsGrouped(s string) bool {
	groups := strings.Split(s, ",")
	if n := len(groups[0]); n == 0 || n > 3 || groups[0][0] == '0' {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}

// groupThousands writes a whole number's digits with thousands separators.
func groupThousands(s string) string {
	if len(s) <= 3 || strings.ContainsAny(s, ".-+") {
		return s
	}
	var b strings.Builder
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// formatSplits writes candidate splits for a warning: "217/1/0/0/0/0/218 or …".
func formatSplits(cands [][]float64, more bool) string {
	var b strings.Builder
	for i, c := range cands {
		if i > 0 {
			b.WriteString(" or ")
		}
		if i == 16 {
			b.WriteString(sprintf("%d more", len(cands)-i))
			break
		}
		for j, v := range c {
			if j > 0 {
				b.WriteByte('/')
			}
			if v == 0 && math.Signbit(v) {
				b.WriteString("-")
				continue
			}
			b.WriteString(strconv.FormatFloat(v, 'f', -1, 64))
		}
	}
	if more {
		b.WriteString(" and possibly others")
	}
	return b.String()
}
