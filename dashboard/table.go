package dashboard

import (
	"html/template"
	"math"
	"strconv"
	"strings"

	"xxgk/ingest/schema"
)

// Table is one dataset as the pages show it and as it is downloaded: the
// same value feeds the HTML table, the CSV and XLSX files and the JSON API,
// so they cannot disagree.
type Table struct {
	Name    string // dataset name, as in /api/NAME and /export/NAME.csv
	Title   string // Chinese, the caption and the XLSX sheet's title
	Columns []Column
	Rows    [][]Cell
	// Cut, when not nil, says the rows hold only the first items of a
	// longer list; the page, the file names of the downloads and the JSON
	// say so.
	Cut *Cut
}

// Cut says a table lists only the first Shown of Total items (townships,
// reports), because the list behind it was cut at the Source's row cap.
type Cut struct {
	Shown, Total int
	Measure      string // the measure word: 个, 份
	Noun         string // what is listed: 乡镇, 报告
}

// cutOf returns the Cut of a table listing l, nil when l is complete.
func cutOf[T any](l List[T], measure, noun string) *Cut {
	if !l.Cut() {
		return nil
	}
	return &Cut{Shown: len(l.Rows), Total: l.Total, Measure: measure, Noun: noun}
}

// Note says what the table leaves out, "" when it is complete.
func (c *Cut) Note() string {
	if c == nil {
		return ""
	}
	return "表中仅列出前 " + formatNumber(float64(c.Shown)) + " " + c.Measure + c.Noun +
		"（共 " + formatNumber(float64(c.Total)) + " " + c.Measure + "），CSV、Excel、JSON 下载也只含这些；" +
		"请选择省、市或县区缩小范围，查看完整数据。"
}

// Kind says how a column's values are written.
type Kind int

// Column kinds.
const (
	KindText    Kind = iota
	KindNumber       // a count or amount, float64
	KindPercent      // a ratio in [0, 1], shown as a percentage
	KindInt          // a year, a rank, a streak
)

// Column is one column of a Table.
type Column struct {
	Key   string // JSON key, in English (FORMAT.md's keys where they apply)
	Label string // heading in Chinese, for pages, CSV and XLSX
	Kind  Kind
}

// Numeric says the column holds numbers (right-aligned, sorted as numbers).
func (c Column) Numeric() bool { return c.Kind != KindText }

// Cell is one value of a Table.
type Cell struct {
	Value any    // what downloads carry: string, int, float64, or nil when absent
	Text  string // what a page shows
	Href  string // a link, if any
	Title string // a tooltip: the whole of a shortened text
	Class string // a CSS class that marks a problem: "bad", "warn"
	// Spark is a small inline chart drawn before the text (a county's
	// trend); built from numbers only.
	Spark template.HTML
}

// SortKey is the value the page's column sort uses: the number for numeric
// cells, the text otherwise; absent values sort as empty.
func (c Cell) SortKey() string {
	switch v := c.Value.(type) {
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case int:
		return strconv.Itoa(v)
	case nil:
		return ""
	default:
		return c.Text
	}
}

// CSSIn is the cell's class attribute in a column: its mark, and "num" in
// a numeric column (numbers and dashes right-aligned).
func (c Cell) CSSIn(col Column) string {
	if !col.Numeric() {
		return c.Class
	}
	if c.Class == "" {
		return "num"
	}
	return c.Class + " num"
}

// text is a text cell.
func text(s string) Cell { return Cell{Value: s, Text: s} }

// link is a text cell that links somewhere.
func link(s, href string) Cell { return Cell{Value: s, Text: s, Href: href} }

// integer is an integer cell (years, ranks, counts of things).
func integer(n int) Cell { return Cell{Value: n, Text: strconv.Itoa(n)} }

// number is a figure.
func number(v float64) Cell { return Cell{Value: v, Text: formatNumber(v)} }

// optNumber is a figure that may be absent.
func optNumber(v *float64) Cell {
	if v == nil {
		return Cell{Text: "—"}
	}
	return number(*v)
}

// percent is a ratio that may be undefined (nothing to divide by).
func percent(v *float64) Cell {
	if v == nil {
		return Cell{Text: "—"}
	}
	return Cell{Value: *v, Text: formatPercent(*v)}
}

// rateCell is a rate with what it divides: "75.0%（3/4）", or 样本不足 with
// the count when the denominator is below min (the rate is then neither
// shown nor sorted as a percentage), "—" when there is nothing to divide.
func rateCell(rate, num, den *float64, min int) Cell {
	switch {
	case den == nil || *den == 0 || rate == nil:
		return Cell{Text: "—"}
	case *den < float64(min):
		return smallSample(den, min)
	}
	c := percent(rate)
	if num != nil {
		c.Text += "（" + formatNumber(*num) + "/" + formatNumber(*den) + "）"
	}
	return c
}

// sum2 is a + b, nil when either is.
func sum2(a, b *float64) *float64 {
	if a == nil || b == nil {
		return nil
	}
	v := *a + *b
	return &v
}

// metricCell is a value of a metric.
func metricCell(m Metric, v *float64) Cell {
	if v == nil {
		return Cell{Text: "—"}
	}
	return Cell{Value: m.round(*v), Text: m.format(*v)}
}

// fileName is a source file by its name alone: the folders it sits in on
// the server are nobody's business on a page or in a download.
func fileName(p string) Cell {
	parts := strings.FieldsFunc(p, func(r rune) bool { return r == '/' || r == '\\' })
	if len(parts) == 0 {
		return text("")
	}
	return text(parts[len(parts)-1])
}

// reportLink is the page of one report: its source beside its figures.
func reportLink(id int64) string { return "/report?id=" + strconv.FormatInt(id, 10) }

// evidence is a report's source file by name, linking to its report page.
func evidence(id int64, path string) Cell {
	c := fileName(path)
	if id > 0 {
		c.Href = reportLink(id)
		c.Title = "查看原文与解析结果"
	}
	return c
}

// cellName is a template cell named in Chinese (第三部分 · (七)总计 ·
// 自然人); downloads carry the same, the canonical key is the tooltip.
func cellName(key string) Cell {
	c := text(schema.CellLabel(key))
	c.Title = key
	return c
}

// marked returns the cell with a CSS class.
func (c Cell) marked(class string) Cell {
	c.Class = class
	return c
}

// formatNumber writes a figure without needless decimals and with
// thousands separators: 1234 → "1,234", 12.5 → "12.5".
func formatNumber(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if i := strings.IndexByte(s, '.'); i >= 0 && len(s)-i > 3 {
		s = strconv.FormatFloat(v, 'f', 2, 64)
	}
	intPart, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// formatPercent writes a ratio as a percentage with one decimal.
func formatPercent(v float64) string {
	return strconv.FormatFloat(v*100, 'f', 1, 64) + "%"
}
