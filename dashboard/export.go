package dashboard

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
	"github.com/xuri/excelize/v2"

	"xxgk/analytics/csvsafe"
)

// registerExports routes the CSV and XLSX downloads of every dataset:
// /export/NAME.csv and /export/NAME.xlsx, with the page's query.
func (s *Server) registerExports(r gin.IRouter) {
	r.GET("/export/:file", s.wrap(s.handleExport))
}

// Content types of the downloads.
const (
	contentCSV  = "text/csv; charset=utf-8"
	contentXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

func (s *Server) handleExport(c *gin.Context) error {
	file := c.Param("file")
	name, format, ok := cutExt(file)
	if !ok {
		return notFound("下载格式只有 .csv 和 .xlsx")
	}
	t, sel, err := s.dataset(c.Request.Context(), name, c.Request.URL.Query())
	if err != nil {
		return err
	}
	contentType, write := contentCSV, writeCSV
	if format == "xlsx" {
		contentType, write = contentXLSX, writeXLSX
	}
	c.Header("Content-Type", contentType)
	c.Header("Content-Disposition", contentDisposition(name, sel, t, format))
	c.Header("Cache-Control", "no-store")
	c.Status(http.StatusOK)
	// Written straight to the client (a dataset's rows are capped by the
	// Source); a failure after the first byte can only break the download.
	return s.streamed(c, write(newProgressWriter(c.Writer), t))
}

// cutExt splits "rankings.csv" into its dataset and format.
func cutExt(file string) (name, format string, ok bool) {
	i := strings.LastIndexByte(file, '.')
	if i <= 0 {
		return "", "", false
	}
	name, format = file[:i], file[i+1:]
	return name, format, format == "csv" || format == "xlsx"
}

// writeCSV writes a table with its Chinese headings, preceded by a UTF-8
// byte-order mark so that Excel opens it in the right encoding (csvsafe:
// no text cell can run a formula). Rates are written as percentages (25)
// figures without thousands separators, absent values as empty cells.
func writeCSV(w io.Writer, t Table) error {
	cw := newCSVWriter(w)
	if err := cw.Header(tableLabels(t)); err != nil {
		return err
	}
	rec := make([]csvsafe.Cell, len(t.Columns))
	for _, row := range t.Rows {
		if err := cw.Row(csvCells(csvRow(t.Columns, row), rec)); err != nil {
			return err
		}
	}
	return cw.Flush()
}

// newCSVWriter is how every download's CSV is laid out: a byte-order mark
// and CRLF line ends (RFC 4180, as Excel writes).
func newCSVWriter(w io.Writer) *csvsafe.Writer {
	return csvsafe.NewWriter(w, csvsafe.Options{BOM: true, CRLF: true})
}

func tableLabels(t Table) []string {
	head := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		head[i] = csvHeading(c)
	}
	return head
}

// csvCells makes a row's cells CSV cells (into rec): numbers as numbers,
// anything else as text.
func csvCells(row []Cell, rec []csvsafe.Cell) []csvsafe.Cell {
	rec = rec[:0]
	for _, cell := range row {
		switch v := cell.Value.(type) {
		case nil:
			rec = append(rec, csvsafe.Number(""))
		case float64:
			rec = append(rec, csvsafe.Number(strconv.FormatFloat(v, 'f', -1, 64)))
		case int:
			rec = append(rec, csvsafe.Number(strconv.Itoa(v)))
		case int64, json.Number:
			rec = append(rec, csvsafe.Number(fmt.Sprint(v)))
		case string:
			rec = append(rec, csvsafe.Text(v))
		default:
			rec = append(rec, csvsafe.Text(fmt.Sprint(v)))
		}
	}
	return rec
}

// writeXLSX writes a table as one sheet: a bold heading row, numbers as
// numbers, rates formatted as percentages.
func writeXLSX(w io.Writer, t Table) error {
	x, err := newXLSXWriter(t.Title, t.Columns)
	if err != nil {
		return err
	}
	defer x.Close()
	for _, row := range t.Rows {
		if err := x.Row(row); err != nil {
			return err
		}
	}
	return x.Send(w)
}

// xlsxWriter writes one sheet row by row through excelize's stream writer,
// which keeps at most a chunk of rows in memory (the rest in a temporary
// file) until the workbook is written.
type xlsxWriter struct {
	f       *excelize.File
	sw      *excelize.StreamWriter
	columns []Column
	pct     int
	next    int // the next row's number
}

func newXLSXWriter(title string, columns []Column) (*xlsxWriter, error) {
	x := &xlsxWriter{f: excelize.NewFile(), columns: columns, next: 2}
	if err := x.start(title); err != nil {
		x.Close()
		return nil, fmt.Errorf("dashboard: xlsx: %w", err)
	}
	return x, nil
}

func (x *xlsxWriter) start(title string) error {
	f := x.f
	sheet := sheetName(title)
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	if x.pct, err = f.NewStyle(&excelize.Style{NumFmt: 10}); err != nil { // 0.00%
		return err
	}
	if x.sw, err = f.NewStreamWriter(sheet); err != nil {
		return err
	}
	for i, c := range x.columns {
		if err := x.sw.SetColWidth(i+1, i+1, columnWidth(c)); err != nil {
			return err
		}
	}
	head := make([]any, len(x.columns))
	for i, c := range x.columns {
		head[i] = excelize.Cell{StyleID: bold, Value: c.Label}
	}
	return x.sw.SetRow("A1", head)
}

// maxXLSXText is the most characters a cell holds (Excel's limit).
const maxXLSXText = 32767

// Row writes one row: numbers as numbers, rates as percentages, a number
// too precise for a float as its text, a text longer than a cell holds cut
// with "…".
func (x *xlsxWriter) Row(row []Cell) error {
	vals := make([]any, len(row))
	for i, cell := range row {
		switch v := cell.Value.(type) {
		case json.Number:
			vals[i] = string(v)
		case string:
			if len(v) > maxXLSXText/4 && utf8.RuneCountInString(v) > maxXLSXText {
				v = string([]rune(v)[:maxXLSXText-1]) + "…"
			}
			vals[i] = v
		default:
			vals[i] = v
		}
		if x.columns[i].Kind == KindPercent && cell.Value != nil {
			vals[i] = excelize.Cell{StyleID: x.pct, Value: cell.Value}
		}
	}
	addr, _ := excelize.CoordinatesToCellName(1, x.next)
	x.next++
	if err := x.sw.SetRow(addr, vals); err != nil {
		return fmt.Errorf("dashboard: xlsx: %w", err)
	}
	return nil
}

// Send ends the sheet and writes the workbook to w.
func (x *xlsxWriter) Send(w io.Writer) error {
	if err := x.sw.Flush(); err != nil {
		return fmt.Errorf("dashboard: xlsx: %w", err)
	}
	return x.f.Write(w)
}

// Close removes the temporary files.
func (x *xlsxWriter) Close() error { return x.f.Close() }

// sheetName makes a title a valid sheet name: at most 31 characters, none
// of : \ / ? * [ ].
func sheetName(title string) string {
	clean := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '_'
		}
		return r
	}, title)
	if r := []rune(clean); len(r) > 31 {
		clean = string(r[:31])
	}
	if clean == "" {
		return "数据"
	}
	return clean
}

func columnWidth(c Column) float64 {
	w := float64(len([]rune(c.Label)))*2 + 2
	if c.Kind == KindText {
		w = max(w, 16)
	}
	return min(max(w, 8), 60)
}

// jsonTable renders a dataset as the API's JSON (README: "JSON API"):
// rows are objects keyed by column, in column order.
type jsonTable struct {
	t   Table
	sel Selection
}

// Render writes the JSON.
func (j jsonTable) Render(w http.ResponseWriter) error {
	j.WriteContentType(w)
	b, err := j.marshal()
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// WriteContentType sets the JSON content type.
func (jsonTable) WriteContentType(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
}

var kindNames = map[Kind]string{KindText: "text", KindNumber: "number", KindPercent: "percent", KindInt: "integer"}

func (j jsonTable) marshal() ([]byte, error) {
	type column struct {
		Key   string `json:"key"`
		Label string `json:"label"`
		Kind  string `json:"kind"`
	}
	type filters struct {
		Province string `json:"province"`
		City     string `json:"city"`
		County   string `json:"county"`
		Year     int    `json:"year"`
		Metric   string `json:"metric"`
		Town     string `json:"town,omitempty"`
	}
	cols := make([]column, len(j.t.Columns))
	for i, c := range j.t.Columns {
		cols[i] = column{c.Key, c.Label, kindNames[c.Kind]}
	}
	rows := make([]orderedRow, len(j.t.Rows))
	for i, r := range j.t.Rows {
		rows[i] = orderedRow{j.t.Columns, r}
	}
	// A cut table says how many items (townships, reports) its rows hold
	// and how many the complete one would.
	type cut struct {
		Shown int `json:"shown"`
		Total int `json:"total"`
	}
	var c *cut
	if j.t.Cut != nil {
		c = &cut{j.t.Cut.Shown, j.t.Cut.Total}
	}
	return json.Marshal(struct {
		Dataset   string       `json:"dataset"`
		Title     string       `json:"title"`
		Filters   filters      `json:"filters"`
		Columns   []column     `json:"columns"`
		Rows      []orderedRow `json:"rows"`
		Truncated bool         `json:"truncated"`
		Cut       *cut         `json:"cut,omitempty"`
	}{
		Dataset:   j.t.Name,
		Title:     j.t.Title,
		Filters:   filters{j.sel.Province, j.sel.City, j.sel.County, j.sel.Year, j.sel.Metric.Key, j.sel.Town},
		Columns:   cols,
		Rows:      rows,
		Truncated: c != nil,
		Cut:       c,
	})
}

// orderedRow marshals a row as an object with the columns' keys in order.
type orderedRow struct {
	cols  []Column
	cells []Cell
}

// MarshalJSON writes {"key": value, ...}.
func (r orderedRow) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, c := range r.cols {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(c.Key)
		b.Write(k)
		b.WriteByte(':')
		v, err := json.Marshal(r.cells[i].Value)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
