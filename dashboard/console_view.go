package dashboard

import (
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"regexp"
	"strconv"
	"strings"

	sqlfiles "xxgk/sql"
)

// consoleView is what templates/sql.html renders.
type consoleView struct {
	Enabled  bool   // a Console is configured
	Query    string // the editor's text
	Limits   SQLLimits
	Examples []sqlfiles.Example
	Tables   []schemaTableView
	// A query the browser posted without JavaScript: its result or failure.
	Result  *resultView
	Failure *QueryError
}

// MaxRowsText is the row cap, written out ("10,000").
func (v *consoleView) MaxRowsText() string { return formatNumber(float64(v.Limits.MaxRows)) }

// TimeoutText is the timeout in Chinese ("10 秒").
func (v *consoleView) TimeoutText() string {
	return strconv.FormatFloat(v.Limits.Timeout.Seconds(), 'f', -1, 64) + " 秒"
}

// schemaTableView is one view or table of the schema browser.
type schemaTableView struct {
	Name        string
	View        bool
	Description template.HTML // from sql/README.md
	Columns     []schemaColumnView
}

type schemaColumnView struct {
	Name, Type, Unit string
	Meaning          template.HTML
}

// schemaView joins DuckDB's list of views and columns (names and types)
// with what sql/README.md says of them.
func schemaView(tables []SchemaTable, dict map[string]sqlfiles.Entry) []schemaTableView {
	out := make([]schemaTableView, 0, len(tables))
	for _, t := range tables {
		e := dict[t.Name]
		v := schemaTableView{Name: t.Name, View: t.View, Description: markdownInline(e.Description)}
		for _, c := range t.Columns {
			d := e.Columns[c.Name]
			v.Columns = append(v.Columns, schemaColumnView{Name: c.Name, Type: c.Type, Unit: d.Unit, Meaning: markdownInline(d.Meaning)})
		}
		out = append(out, v)
	}
	return out
}

var markdownSpan = regexp.MustCompile("`[^`]+`|\\*\\*[^*]+\\*\\*")

// markdownInline renders the Markdown of the dictionary's cells: `code`
// and **bold**; everything else is escaped text.
func markdownInline(s string) template.HTML {
	var b strings.Builder
	last := 0
	for _, m := range markdownSpan.FindAllStringIndex(s, -1) {
		b.WriteString(template.HTMLEscapeString(s[last:m[0]]))
		span := s[m[0]:m[1]]
		if strings.HasPrefix(span, "`") {
			b.WriteString("<code>" + template.HTMLEscapeString(strings.Trim(span, "`")) + "</code>")
		} else {
			b.WriteString("<strong>" + template.HTMLEscapeString(strings.Trim(span, "*")) + "</strong>")
		}
		last = m[1]
	}
	b.WriteString(template.HTMLEscapeString(s[last:]))
	return template.HTML(b.String())
}

// resultView is a result shown without JavaScript.
type resultView struct {
	Table   Table
	Summary string
}

// formRows is how many rows a page shows without JavaScript; the
// downloads and the scripted table hold them all.
const formRows = 1000

func newResultView(res *SQLResult, maxRows int) *resultView {
	t := resultTable(res)
	summary := fmt.Sprintf("共 %s 行，用时 %d 毫秒", formatNumber(float64(len(t.Rows))), res.Elapsed.Milliseconds())
	if res.Truncated {
		summary = fmt.Sprintf("结果超过 %s 行，只返回前 %s 行；用时 %d 毫秒", formatNumber(float64(maxRows)),
			formatNumber(float64(len(t.Rows))), res.Elapsed.Milliseconds())
	}
	if len(t.Rows) > formRows {
		t.Rows = t.Rows[:formRows]
		summary += fmt.Sprintf("（此处显示前 %s 行）", formatNumber(formRows))
	}
	return &resultView{Table: t, Summary: summary}
}

// resultTable makes a query's result a Table, for the downloads and the
// page: numbers stay numbers (Excel sums them), NULL is an empty cell,
// lists and structs are written as JSON.
func resultTable(res *SQLResult) Table {
	t := Table{Name: "sql", Title: "查询结果", Rows: make([][]Cell, len(res.Rows))}
	for _, c := range res.Columns {
		kind := KindText
		if c.Numeric {
			kind = KindNumber
		}
		t.Columns = append(t.Columns, Column{Key: c.Name, Label: c.Name, Kind: kind})
	}
	for i, row := range res.Rows {
		cells := make([]Cell, len(row))
		for j, v := range row {
			cells[j] = resultCell(v)
		}
		t.Rows[i] = cells
	}
	return t
}

// resultCell is one value of a result as a Cell.
func resultCell(v any) Cell {
	switch x := v.(type) {
	case nil:
		return Cell{Text: "NULL", Class: "null"}
	case string:
		return text(x)
	case float64:
		return Cell{Value: x, Text: plainFloat(x)}
	case json.Number:
		// An exact decimal or a huge integer: a number where a float
		// holds it exactly enough (15 digits, as Excel), else its text.
		if f, err := x.Float64(); err == nil && digits(string(x)) <= 15 {
			return Cell{Value: f, Text: string(x)}
		}
		return text(string(x))
	case bool, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return Cell{Value: x, Text: fmt.Sprint(x)}
	}
	b, err := json.Marshal(v)
	if err != nil {
		return text(fmt.Sprint(v))
	}
	return text(string(b))
}

// plainFloat writes a float as a number without exponent where that is
// readable.
func plainFloat(x float64) string {
	if a := math.Abs(x); x != 0 && (a >= 1e15 || a < 1e-6) {
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

func digits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}
