package dashboard

import (
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"

	"github.com/duckdb/duckdb-go/v2"

	"xxgk/analytics"
	sqlfiles "xxgk/sql"
)

// consoleView is what templates/sql.html renders.
type consoleView struct {
	Enabled  bool   // a Console is configured
	Query    string // the editor's text
	Limits   analytics.ConsoleOptions
	Examples []sqlfiles.Example
	Tables   []schemaTableView
	// A query the browser posted without JavaScript: its result or failure.
	Result  *resultView
	Failure *failureView
}

// failureView is a failed query: the Chinese headline, DuckDB's message.
type failureView struct{ Summary, Message string }

// MaxRowsText is the row cap, written out ("10,000").
func (v *consoleView) MaxRowsText() string { return formatNumber(float64(v.Limits.MaxRows)) }

// MaxBytesText is the byte budget, written out ("64 MB").
func (v *consoleView) MaxBytesText() string { return formatBytes(v.Limits.MaxBytes) }

// TimeoutText is the timeout in Chinese ("10 秒").
func (v *consoleView) TimeoutText() string {
	return strconv.FormatFloat(v.Limits.Timeout.Seconds(), 'f', -1, 64) + " 秒"
}

// schemaTableView is one view or table of the schema browser.
type schemaTableView struct {
	Name    string
	View    bool
	Label   string        // in Chinese (analytics.TableText)
	Meaning string        // in Chinese: what one row is
	English template.HTML // from sql/README.md, for developers
	Columns []schemaColumnView
	// Keys: the columns are the report's figures, one per canonical key,
	// listed by name and Chinese label only (the meaning is the table's).
	Keys bool
	// SameAs names the table whose columns a version table repeats;
	// Columns then holds only its own, and Shared counts the others.
	SameAs string
	Shared int
}

type schemaColumnView struct {
	Name, Type, Unit string
	Label, Meaning   string        // in Chinese (analytics.ColumnText), "" when none
	English          template.HTML // from sql/README.md, for developers
}

// schemaView joins DuckDB's list of views and columns (names and types)
// with the Chinese dictionary (analytics.TableText, ColumnText) and what
// sql/README.md says of them in English.
func schemaView(tables []analytics.SchemaTable, dict map[string]sqlfiles.Entry) []schemaTableView {
	out := make([]schemaTableView, 0, len(tables))
	for _, t := range tables {
		e := dict[t.Name]
		zh, _ := analytics.TableText(t.Name)
		v := schemaTableView{Name: t.Name, View: t.View, Label: zh.Label, Meaning: zh.Meaning,
			English: markdownInline(e.Description)}
		for _, c := range t.Columns {
			d := e.Columns[c.Name]
			zh, _ := analytics.ColumnText(t.Name, c.Name)
			v.Columns = append(v.Columns, schemaColumnView{Name: c.Name, Type: c.Type, Unit: unitZH(d.Unit),
				Label: zh.Label, Meaning: zh.Meaning, English: markdownInline(d.Meaning)})
		}
		v.Keys = t.Name == "figures" || t.Name == "figure_versions"
		out = append(out, v)
	}
	return foldVersions(out)
}

// Count is the number of columns of the table, those folded included.
func (t schemaTableView) Count() int { return len(t.Columns) + t.Shared }

// extends names the views that repeat another's columns and add their
// own: flags is every flag_* view with a flag_id, review_queue the same
// with the decisions; m_rank_rows and m_rank_counts (materialised) hold
// rows and values of ranks; m_flags holds the rows of flags (folded, as
// flags, onto flag_arithmetic: flags itself is folded before it).
var extends = map[string]string{"flags": "flag_arithmetic", "review_queue": "flag_arithmetic",
	"m_rank_rows": "ranks", "m_rank_counts": "ranks", "m_flags": "flag_arithmetic"}

// foldVersions lists of a version table (figure_versions, …) only the
// columns its current table (figures) lacks, and of a materialised table
// (m_rollups) only those its view (rollups) lacks, and of a view that
// extends another (extends) only its own: the others mean the same,
// and the 228 figure columns twice would make the console's page heavy.
func foldVersions(tables []schemaTableView) []schemaTableView {
	byName := map[string]*schemaTableView{}
	for i := range tables {
		byName[tables[i].Name] = &tables[i]
	}
	for i := range tables {
		t := &tables[i]
		// figure_versions repeats figures; m_rollups (materialised) rollups.
		var base *schemaTableView
		if name, ok := extends[t.Name]; ok {
			base = byName[name]
		} else if name, ok := strings.CutSuffix(t.Name, "_versions"); ok {
			base = byName[name+"s"]
		} else if name, ok := strings.CutPrefix(t.Name, "m_"); ok {
			base = byName[name]
		}
		if base == nil {
			continue
		}
		shared := map[string]string{}
		for _, c := range base.Columns {
			shared[c.Name] = c.Type
		}
		own := t.Columns[:0:0]
		for _, c := range t.Columns {
			if typ, ok := shared[c.Name]; ok && typ == c.Type {
				t.Shared++
				continue
			}
			own = append(own, c)
		}
		t.SameAs, t.Columns, t.Keys = base.Name, own, false
	}
	return foldSiblings(tables)
}

// foldSiblings lists the columns of a family of views with the same
// columns (flag_arithmetic, flag_plausible, …: the review queue's parts)
// once, on the first of them: the others say they have the same.
func foldSiblings(tables []schemaTableView) []schemaTableView {
	first := map[string]int{} // family and column signature → first table
	for i := range tables {
		t := &tables[i]
		family, _, ok := strings.Cut(t.Name, "_")
		if !ok || t.SameAs != "" || len(t.Columns) == 0 {
			continue
		}
		sig := family
		for _, c := range t.Columns {
			sig += "|" + c.Name + " " + c.Type
		}
		j, seen := first[sig]
		if !seen {
			first[sig] = i
			continue
		}
		t.SameAs, t.Shared, t.Columns = tables[j].Name, len(t.Columns), nil
	}
	return tables
}

// unitZH writes a unit of sql/README.md in Chinese.
func unitZH(unit string) string {
	switch unit {
	case "fraction", "0–1":
		return "小数 0–1"
	case "0–100":
		return "0–100 分"
	case "years":
		return "年"
	case "year":
		return "年份"
	}
	return unit
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

func newResultView(res *collectedResult) *resultView {
	t := resultTable(res.ConsoleResult, res.rows)
	summary := fmt.Sprintf("共 %s 行，用时 %d 毫秒", formatNumber(float64(len(t.Rows))), res.Elapsed.Milliseconds())
	if note := cutNote(res.ConsoleResult); note != "" {
		summary = fmt.Sprintf("%s；用时 %d 毫秒", note, res.Elapsed.Milliseconds())
	}
	if len(t.Rows) > formRows {
		t.Rows = t.Rows[:formRows]
		summary += fmt.Sprintf("（此处显示前 %s 行）", formatNumber(formRows))
	}
	return &resultView{Table: t, Summary: summary}
}

// cutNote says in Chinese that and why a result was cut, "" when it was
// not: the page, the API (cut_note) and the downloads (X-Truncated-Note,
// and the last row of a workbook) say it in these words.
func cutNote(res *analytics.ConsoleResult) string {
	switch {
	case !res.Truncated:
		return ""
	case res.CutBy == analytics.CutBytes:
		return fmt.Sprintf("结果超过 %s，只返回前 %s 行", formatBytes(res.Limits.MaxBytes), formatNumber(float64(res.RowCount)))
	}
	return fmt.Sprintf("结果超过 %s 行，只返回前 %s 行", formatNumber(float64(res.Limits.MaxRows)), formatNumber(float64(res.RowCount)))
}

// formatBytes writes a byte count in the largest unit that divides it
// ("64 MB"), else in bytes with separators.
func formatBytes(n int64) string {
	for _, u := range []struct {
		size int64
		name string
	}{{1 << 30, "GB"}, {1 << 20, "MB"}, {1 << 10, "KB"}} {
		if n >= u.size && n%u.size == 0 {
			return strconv.FormatInt(n/u.size, 10) + " " + u.name
		}
	}
	return formatNumber(float64(n)) + " 字节"
}

// resultTable makes a query's result a Table, for the page: numbers stay
// numbers, NULL is an empty cell, lists and structs are written as JSON.
func resultTable(res *analytics.ConsoleResult, rows [][]any) Table {
	t := Table{Name: "sql", Title: "查询结果", Columns: resultColumns(res), Rows: make([][]Cell, len(rows))}
	for i, row := range rows {
		t.Rows[i] = resultRow(res, row)
	}
	return t
}

// resultColumns are a result's columns as a Table's.
func resultColumns(res *analytics.ConsoleResult) []Column {
	cols := make([]Column, len(res.Columns))
	for i, name := range res.Columns {
		kind := KindText
		if analytics.IsNumericType(res.Types[i]) {
			kind = KindNumber
		}
		cols[i] = Column{Key: name, Label: name, Kind: kind}
	}
	return cols
}

// resultRow is one row of a result as cells.
func resultRow(res *analytics.ConsoleResult, row []any) []Cell {
	cells := make([]Cell, len(row))
	for j, v := range row {
		cells[j] = resultCell(v, res.Types[j])
	}
	return cells
}

// resultCell is one value of a result as a Cell: its text as the console
// writes it (analytics.FormatValue); numbers stay numbers, as a float64
// where a workbook holds them exactly (15 significant digits) and else as
// a json.Number of their digits (a CSV writes either as a number, a
// workbook the second as text, so no digit is lost); NULL is an empty cell
// marked "null".
func resultCell(v any, typ string) Cell {
	if v == nil {
		return Cell{Text: "NULL", Class: "null"}
	}
	text := analytics.FormatValue(v, typ)
	switch v.(type) {
	case bool:
		return Cell{Value: v, Text: text}
	case float64, float32:
		// From the text, so that a FLOAT 0.1 is 0.1, not 0.10000000149011612.
		if f, err := strconv.ParseFloat(text, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return Cell{Value: f, Text: text}
		}
	case json.Number, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, *big.Int, duckdb.Decimal:
		// A workbook holds 15 significant digits: more stay exact as text.
		if f, err := strconv.ParseFloat(text, 64); err == nil && significantDigits(text) <= 15 {
			return Cell{Value: f, Text: text}
		}
		return Cell{Value: json.Number(text), Text: text}
	}
	return Cell{Value: text, Text: text}
}

// significantDigits counts the digits of a decimal between its first and
// last non-zero one.
func significantDigits(s string) int {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
	return len(strings.Trim(digits, "0"))
}
