package ingest

import "strings"

// valueRow is a row of figures as found in a part, with the label printed in
// the same line and the label text of the lines just before it.
type valueRow struct {
	row
	// hint is the text of the label-only lines since the previous value row:
	// where extraction moved a wrapped label off its figures, that is where
	// it went. It may hold several labels, or a wrong one.
	hint string
	// next is the first label-only line after the row: where a wrapped label
	// continues below its figures ("7.属于行政" / "执法案卷").
	next string
	// merged is true when the values were gathered from several lines of one
	// value each (text copied from a web page puts every cell on its line).
	merged bool
}

// labelRun joins the labels of consecutive lines. Most runs are one label,
// which is returned as it is: a builder copied it, an allocation a row.
type labelRun struct {
	first string
	more  strings.Builder // the run from its second label on
	n     int             // bytes in the run
}

func (h *labelRun) add(label string) {
	switch {
	case h.n == 0:
		h.first = label
	case h.more.Len() == 0:
		h.more.WriteString(h.first)
		h.more.WriteString(label)
	default:
		h.more.WriteString(label)
	}
	h.n += len(label)
}

func (h *labelRun) text() string {
	if h.more.Len() > 0 {
		return h.more.String()
	}
	return h.first
}

func (h *labelRun) reset() {
	h.first, h.n = "", 0
	h.more.Reset()
}

// gatherRows turns the lines of one part into value rows. Label-only lines
// accumulate into the hint of the next value row; lines holding one value
// and nothing else are joined into one row, up to maxVals values, until a
// label line intervenes.
//
// The rows are appended to buf (empty; nil: allocated).
func gatherRows(rows []row, maxVals int, buf []valueRow) []valueRow {
	n := 0
	for _, r := range rows {
		if len(r.vals) > 0 {
			n++
		}
	}
	out := buf[:0]
	if cap(out) < n {
		out = make([]valueRow, 0, n) // at most one per line of figures: grown once
	}
	var hint labelRun
	open := -1 // index in out of a row still taking one-value lines
	for _, r := range rows {
		if r.heading {
			hint.reset()
			open = -1
			continue
		}
		if isNoise(r) {
			continue
		}
		if len(r.vals) == 0 {
			if hint.n == 0 && len(out) > 0 {
				out[len(out)-1].next = r.label
			}
			hint.add(r.label)
			open = -1
			continue
		}
		single := len(r.vals) == 1 && r.label == ""
		if single && open >= 0 && len(out[open].vals) < maxVals {
			out[open].vals = append(out[open].vals, r.vals...)
			out[open].merged = true
			continue
		}
		out = append(out, valueRow{row: r, hint: hint.text()})
		hint.reset()
		open = -1
		if single || (r.label == "" && len(r.vals) < maxVals) || (len(r.vals) == 1 && r.label != "") {
			open = len(out) - 1
		}
	}
	return out
}
