package ingest

import (
	"regexp"
	"strings"

	"xxgk/ingest/schema"
)

// Reading the tables of text flattened onto one line (see flat.go): each
// row label found in the running text owns the run of digits after it, and
// each run is split into the row's cells by splitRun. A split is taken only
// when it is the only one the template allows; rows of part 三 that their
// own arithmetic leaves open are decided, where possible, by the column
// rules across rows (1 and 2).

// flatRows returns the text of the rows of one part marked as a flattened
// table of the given kind.
func flatRows(lines []row, kind flatKind) []string {
	var out []string
	for _, l := range lines {
		if l.flat == kind {
			out = append(out, l.text)
		}
	}
	return out
}

// flatRow is one part 三 row found in flattened text.
type flatRow struct {
	slot  schema.S3Row
	src   string
	cands [][]float64 // the splits its own arithmetic allows
	more  bool
	// printed marks a run whose separators gave its cells as printed
	// though they break the row's arithmetic: kept, flagged by the checks,
	// and no evidence for the column rules.
	printed bool
	// keep marks, after the column rules, the candidates still possible.
	keep []bool
}

// itemNumber is the number a template row's label starts with ("2.其他法律…"
// → "2"), "" for rows numbered otherwise.
func itemNumber(s schema.S3Row) string {
	i := 0
	for i < len(s.Label) && s.Label[i] >= '0' && s.Label[i] <= '9' {
		i++
	}
	if i == 0 || i == len(s.Label) || s.Label[i] != '.' {
		return ""
	}
	return s.Label[:i]
}

// strongestLast returns the key matched at the highest weight, the one
// occurring last where several are: in flattened text a row's label follows
// the header or the group label it was run together with.
func strongestLast(patterns []labelPattern, label string) string {
	top, _ := bestMatch(patterns, label)
	key, at := "", -1
	for _, p := range patterns {
		if _, ok := top[p.key]; !ok {
			continue
		}
		if i := p.position(label); i > at {
			key, at = p.key, i
		}
	}
	return key
}

func slotIndex(slots []schema.S3Row, key string) int {
	for i, s := range slots {
		if s.Key == key {
			return i
		}
	}
	return -1
}

// flatRequests reads part 三 flattened onto one line.
func (p *parser) flatRequests(text string) {
	segs := segments(text)
	slots := requestSlots(p.report.Template)
	slotOf := func(i int) (schema.S3Row, bool) {
		if i < 0 || i >= len(segs) {
			return schema.S3Row{}, false
		}
		j := slotIndex(slots, strongestLast(s3Patterns, segs[i].label))
		if j < 0 {
			return schema.S3Row{}, false
		}
		return slots[j], true
	}
	var rows []*flatRow
	header := ""
	next := 0
	for i, seg := range segs {
		if seg.run == "" || !hasFigure(seg.run) {
			if len(rows) == 0 {
				header += seg.label
			}
			continue
		}
		runs := []string{seg.run}
		if nextSlot, ok := slotOf(i + 1); ok {
			num := itemNumber(nextSlot)
			switch {
			case seg.itemDot && num != "" && strings.HasSuffix(seg.run, num):
				// "…0000004" "2." "其他法律…": the 2 numbers the next row.
				runs[0] = strings.TrimSpace(strings.TrimSuffix(seg.run, num))
			case !seg.itemDot && num != "" && strings.HasSuffix(seg.run, num) && len(seg.run) > len(num):
				// Glued without a dot: the last digits may be the next
				// row's number or the row's own; both are tried.
				runs = append(runs, strings.TrimSpace(strings.TrimSuffix(seg.run, num)))
			case seg.itemDot:
				p.report.warnf("part 三: the run %s ends with an item number that does not number the row after it; its figures were not placed",
					quote(labelTail(seg.label)+seg.run))
				continue
			}
		}
		if runs[0] == "" {
			continue // an item number alone, after a group label
		}
		if m := dashedFooterRe.FindStringIndex(runs[0]); m != nil && m[0] > 0 {
			// A page footer run into the row's figures ("0000000- 4 -"): the
			// run is tried without it too.
			runs = append(runs, strings.TrimSpace(runs[0][:m[0]]))
		}
		slot, ok := slotOf(i)
		if !ok {
			if len(rows) == 0 {
				header += seg.label + seg.run
				continue
			}
			p.report.warnf("part 三: figures %s follow no row label of the template; they were not placed", quote(labelTail(seg.label)+seg.run))
			continue
		}
		j := slotIndex(slots, slot.Key)
		if j < next {
			p.report.warnf("part 三: row %s is out of the template's row order (repeated or mislabelled); its figures were not placed",
				quote(labelTail(seg.label)+seg.run))
			continue
		}
		next = j + 1
		fr := &flatRow{slot: slot, src: labelTail(seg.label) + seg.run}
		if len(rows) == 0 {
			// The header ran into the first row's label ("…其他 合计一、本年新收…").
			header += seg.label
		}
		wide := strings.Contains(header, "合计") || strings.Contains(header, "小计")
		for _, run := range runs {
			res := splitRequestRun(run, wide, &p.splitOps)
			fr.cands = appendDistinct(fr.cands, res.cands)
			fr.more = fr.more || res.more
		}
		if len(fr.cands) == 0 && !fr.more {
			fr.cands, fr.printed = printedRequestRow(runs, wide)
		}
		rows = append(rows, fr)
	}
	p.byColumnRules(rows)
	for _, r := range rows {
		p.placeFlatRow(r)
	}
}

// printedRequestRow reads a part 三 row whose separators give exactly its
// cells, as printed, when no split keeps rule 3: a source error to flag,
// not a reason to drop the row. Where the runs tried (with and without the
// next item's number) give several such readings, none is taken.
func printedRequestRow(runs []string, wide bool) ([][]float64, bool) {
	n := s3Width
	if wide {
		n++
	}
	var out [][]float64
	for _, run := range runs {
		if v, ok := asPrinted(run, n); ok {
			if wide {
				v = append(v[:6:6], v[7])
			}
			out = appendDistinct(out, [][]float64{v})
		}
	}
	if len(out) != 1 {
		return nil, false
	}
	return out, true
}

// asPrinted reads a run whose separators (spaces, signs) cut it into
// exactly n whole numbers.
func asPrinted(run string, n int) ([]float64, bool) {
	toks := runTokens(run)
	if len(toks) != n {
		return nil, false
	}
	out := make([]float64, n)
	for i, t := range toks {
		v, ok := cellValue(t, cellCount)
		if !ok {
			return nil, false
		}
		out[i] = v
	}
	return out, true
}

// dashedFooterRe is a page footer ending a run: "- 4 -", "—4—".
var dashedFooterRe = regexp.MustCompile(`[-—–] ?\d{1,3} ?[-—–]$`)

// labelTail is the end of a label, for quoting a run: the label of a first
// row runs together with the whole header before it.
func labelTail(label string) string {
	r := []rune(label)
	if len(r) <= 24 {
		return label
	}
	return "…" + string(r[len(r)-24:])
}

// splitRequestRun splits one part 三 run into its seven cells (rule 3), or
// eight where the table prints the 法人或其他组织 subtotal, which is checked
// and dropped.
func splitRequestRun(run string, wide bool, budget *int) runSplits {
	if !wide {
		return splitRun(run, splitSpec{kinds: make([]cellKind, s3Width), group: s3Width, budget: budget})
	}
	res := splitRun(run, splitSpec{kinds: make([]cellKind, s3Width+1), budget: budget, holds: func(v []float64) bool {
		return equal(sum(v[1:6]), v[6]) && equal(v[0]+v[6], v[7])
	}})
	for i, c := range res.cands {
		res.cands[i] = append(c[:6:6], c[7])
	}
	return res
}

func appendDistinct(dst, src [][]float64) [][]float64 {
	for _, c := range src {
		dup := false
		for _, d := range dst {
			if sameFloats(c, d) {
				dup = true
				break
			}
		}
		if !dup {
			dst = append(dst, c)
		}
	}
	return dst
}

func sameFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !equal(a[i], b[i]) {
			return false
		}
	}
	return true
}

// placeFlatRow stores a row whose split is decided, and says why the others
// were not placed.
func (p *parser) placeFlatRow(r *flatRow) {
	var live [][]float64
	for i, c := range r.cands {
		if r.keep == nil || r.keep[i] {
			live = append(live, c)
		}
	}
	where := "part 三, s3." + r.slot.Key
	switch {
	case len(live) == 1 && !r.more:
		if r.printed {
			p.report.warnf("%s: the run %s, cut into cells by its separators, breaks rule 3 as printed; kept as printed and flagged",
				where, quote(r.src))
		}
		vals := make([]value, len(live[0]))
		for i, v := range live[0] {
			vals[i] = splitCell(v)
		}
		p.setRow(schema.S3RowKeys(r.slot.Key), vals, "part 三 row "+r.slot.Key)
	case len(r.cands) == 0 && !r.more:
		p.report.warnf("%s: no split of the run %s into %d cells fits the template (no leading zeros, total = the sum of the applicant columns); its figures were not placed",
			where, quote(r.src), s3Width)
	case len(live) == 0:
		p.report.warnf("%s: the run %s splits into candidates %s, but none of these fits the column sums; its figures were not placed",
			where, quote(r.src), formatSplits(r.cands, r.more))
	default:
		p.report.warnf("%s: the run %s splits into candidates %s and neither the row nor the column sums decide; its figures were not placed",
			where, quote(r.src), formatSplits(live, r.more))
	}
}

// flatAppeals reads part 四 flattened onto one line: the fifteen figures
// after the header, split by rule 4 in each group.
func (p *parser) flatAppeals(text string) {
	run := appealsFigures(text)
	if run == "" {
		return
	}
	res := splitRun(run, splitSpec{kinds: make([]cellKind, s4Width), group: s4Group, budget: &p.splitOps})
	if len(res.cands) == 0 && !res.more {
		if v, ok := asPrinted(run, s4Width); ok {
			p.report.warnf("part 四: the run %s, cut into cells by its separators, breaks rule 4 as printed; kept as printed and flagged", quote(run))
			res.cands = [][]float64{v}
		}
	}
	switch {
	case len(res.cands) == 1 && !res.more:
		v := res.cands[0]
		for g, group := range schema.S4Groups {
			vals := make([]value, s4Group)
			for i := range vals {
				vals[i] = splitCell(v[g*s4Group+i])
			}
			p.setGroup(group.Key, vals)
		}
	case len(res.cands) == 0 && !res.more:
		p.report.warnf("part 四: no split of the run %s into 15 cells fits the template (no leading zeros, each group's total = the sum of its four results); its figures were not placed",
			quote(run))
	default:
		p.report.warnf("part 四: the run %s splits into candidates %s; its figures were not placed", quote(run), formatSplits(res.cands, res.more))
	}
}

// appealsFigures joins the runs of figures after part 四's header: one run
// of fifteen, or one per group where the groups' labels sit between them.
// Runs are kept apart by a space, a boundary no cell crosses.
func appealsFigures(text string) string {
	i := strings.Index(text, "结果维持")
	if i < 0 {
		if run := appealsRun(text); run != "" {
			return run
		}
		// The column headers lost: the figures right after the part's
		// heading or its group names.
		for _, seg := range segments(text) {
			if seg.run == "" || !hasFigure(seg.run) {
				continue
			}
			if appealsHeaderOnly(seg.label) && !proseCount(seg.after) {
				return seg.run
			}
			break
		}
		return ""
	}
	var runs []string
	for _, seg := range segments(text[i:]) {
		if seg.run != "" && hasFigure(seg.run) && !proseCount(seg.after) {
			runs = append(runs, seg.run)
		}
	}
	return strings.Join(runs, " ")
}

// appealsHeaderOnly reports a label made only of part 四's group names
// (行政复议, 行政诉讼, 未经复议直接起诉, 复议后起诉), or empty.
func appealsHeaderOnly(label string) bool {
	for _, w := range []string{"未经复议直接起诉", "复议后起诉", "行政复议", "行政诉讼"} {
		label = strings.ReplaceAll(label, w, "")
	}
	return strings.Trim(label, " :：|") == ""
}

// flatProactive reads part 二 flattened onto one line. Its rows have no
// arithmetic, so only the number of cells, leading zeros, signs and decimal
// points decide a split (规章000 is 0, 0, 0; 6233440 is left open).
func (p *parser) flatProactive(text string) {
	if p.report.Template == "" {
		// The two templates name part 二's cells differently and shape its
		// rows differently; with neither decided, a split would be a guess.
		if s2Runs(text) > 0 {
			p.report.warnf("part 二: the tables do not tell the template (2019 or 2021), so the cells of its flattened rows cannot be told; its figures were not placed")
		}
		return
	}
	done := map[string]bool{}
	for _, seg := range segments(text) {
		if seg.run == "" || !hasFigure(seg.run) || proseCount(seg.after) {
			continue
		}
		key := matchLast(s2Patterns, seg.label)
		spec, ok := proactiveRow(p.report.Template, key, 0)
		if !ok || done[key] {
			continue
		}
		done[key] = true
		kinds := proactiveKinds(spec)
		where := "part 二 row " + spec.Label + " (s2." + spec.Key + ")"
		if n := len(strings.Fields(seg.run)); n >= 2 && n < len(kinds) {
			// Spaces keep the cells apart, and some are missing: cells
			// printed empty left no trace. Nothing checks a split of a
			// token into the missing cells, so none is tried.
			p.report.warnf("%s: the run %s holds %d figures apart for %d cells (the others printed empty?); its figures were not placed",
				where, quote(seg.run), n, len(kinds))
			continue
		}
		res := splitRun(seg.run, splitSpec{kinds: kinds, budget: &p.splitOps})
		switch {
		case len(res.cands) == 1 && !res.more:
			for i, c := range spec.Columns {
				v := splitCell(res.cands[0][i])
				if !v.blank {
					v.raw = seg.run
				}
				if spec.Decimal[c.Key] {
					v.unit = seg.unit
					v = p.inTenThousands(v, seg.label, where)
				}
				p.set(figureKey("s2", spec.Key, c.Key), v, where)
			}
		case len(res.cands) == 0 && !res.more:
			p.report.warnf("%s: no split of the run %s into %d cells fits; its figures were not placed", where, quote(seg.run), len(kinds))
		default:
			p.report.warnf("%s: the run %s splits into candidates %s; its figures were not placed",
				where, quote(seg.run), formatSplits(res.cands, res.more))
		}
	}
}
