package dashboard

import (
	"math"
	"mime"
	"slices"
	"strconv"
	"strings"
)

// everyYear lists the datasets that hold every year rather than the
// selected one: their file names carry no year.
var everyYear = map[string]bool{
	"trend": true, "problems-by-year": true, "appeals-by-year": true, "quality-by-year": true, "unplaced": true,
	"township-years": true, "township-outcomes": true, "township-applicants": true, "township-appeals": true,
	"township-checks": true,
}

// contentDisposition names a download after its selection. Browsers take
// the UTF-8 name (filename*, RFC 6266): the places, then the table's title,
// which names the year, metric or township, e.g.
// "盛亭省 宁田市 平沙县-2025年公开率排名.csv". Older clients take the ASCII
// name: dataset, metric, year and, for a cut table, how much of it the file
// holds (rankings-grant_rate-2025-first-10000-of-38412.csv).
func contentDisposition(name string, sel Selection, t Table, format string) string {
	ascii := name
	if strings.HasPrefix(name, "rankings") {
		ascii += "-" + sel.Metric.Key
	}
	if sel.Year != 0 && !everyYear[name] {
		ascii += "-" + strconv.Itoa(sel.Year)
	}
	full := sel.Label() + "-" + t.Title
	if t.Cut != nil {
		ascii += "-first-" + strconv.Itoa(t.Cut.Shown) + "-of-" + strconv.Itoa(t.Cut.Total)
		full += "-前" + strconv.Itoa(t.Cut.Shown) + "共" + strconv.Itoa(t.Cut.Total)
	}
	v := mime.FormatMediaType("attachment", map[string]string{"filename": ascii + "." + format})
	// FormatMediaType writes filename* itself for a non-ASCII value.
	return v + "; " + strings.TrimPrefix(mime.FormatMediaType("x", map[string]string{"filename": full + "." + format}), "x; ")
}

// csvHeading is a column's heading in a CSV file: a rate's carries its
// unit, since the file writes it as a percentage.
func csvHeading(c Column) string {
	if c.Kind == KindPercent && !strings.Contains(c.Label, "%") {
		return c.Label + "（%）"
	}
	return c.Label
}

// csvRow is a row as a CSV file writes it: a rate as a percentage
// (0.25 → 25, to four decimals) under a heading that says so.
func csvRow(cols []Column, row []Cell) []Cell {
	out := row
	copied := false
	for i, c := range cols {
		if v, ok := row[i].Value.(float64); ok && c.Kind == KindPercent {
			if !copied {
				out, copied = slices.Clone(row), true
			}
			out[i].Value = math.Round(v*1e6) / 1e4
		}
	}
	return out
}
