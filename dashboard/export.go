package dashboard

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/xuri/excelize/v2"
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
	var buf bytes.Buffer
	contentType := contentCSV
	switch format {
	case "csv":
		err = writeCSV(&buf, t)
	case "xlsx":
		contentType = contentXLSX
		err = writeXLSX(&buf, t)
	}
	if err != nil {
		return err
	}
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, exportFilename(name, sel, t.Cut, format)))
	c.Header("Cache-Control", "no-store")
	c.Data(http.StatusOK, contentType, buf.Bytes())
	return nil
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

// exportFilename is an ASCII file name (every browser accepts it): the
// dataset and the year, e.g. rankings-2025.csv, and for a table that is
// cut how much of it the file holds: requests-2025-first-10000-of-38412.csv.
func exportFilename(name string, sel Selection, cut *Cut, format string) string {
	if sel.Year != 0 {
		name += "-" + strconv.Itoa(sel.Year)
	}
	if cut != nil {
		name += "-first-" + strconv.Itoa(cut.Shown) + "-of-" + strconv.Itoa(cut.Total)
	}
	return name + "." + format
}

// writeCSV writes a table with its Chinese headings, preceded by a UTF-8
// byte-order mark so that Excel opens it in the right encoding. Rates are
// written as ratios (0.25), figures without thousands separators, absent
// values as empty cells.
func writeCSV(buf *bytes.Buffer, t Table) error {
	buf.WriteString("\ufeff")
	w := csv.NewWriter(buf)
	w.UseCRLF = true // RFC 4180, as Excel writes it
	head := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		head[i] = c.Label
	}
	if err := w.Write(head); err != nil {
		return err
	}
	rec := make([]string, len(t.Columns))
	for _, row := range t.Rows {
		for i, cell := range row {
			rec[i] = plainValue(cell.Value)
		}
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

func plainValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case int:
		return strconv.Itoa(x)
	case string:
		return x
	default:
		return fmt.Sprint(x)
	}
}

// writeXLSX writes a table as one sheet: a bold heading row, numbers as
// numbers, rates formatted as percentages.
func writeXLSX(buf *bytes.Buffer, t Table) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := sheetName(t.Title)
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("dashboard: xlsx: %w", err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fmt.Errorf("dashboard: xlsx: %w", err)
	}
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 10}) // 0.00%
	if err != nil {
		return fmt.Errorf("dashboard: xlsx: %w", err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("dashboard: xlsx: %w", err)
	}
	for i, c := range t.Columns {
		if err := sw.SetColWidth(i+1, i+1, columnWidth(c)); err != nil {
			return fmt.Errorf("dashboard: xlsx: %w", err)
		}
	}
	head := make([]any, len(t.Columns))
	for i, c := range t.Columns {
		head[i] = excelize.Cell{StyleID: bold, Value: c.Label}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return fmt.Errorf("dashboard: xlsx: %w", err)
	}
	for r, row := range t.Rows {
		vals := make([]any, len(row))
		for i, cell := range row {
			if t.Columns[i].Kind == KindPercent && cell.Value != nil {
				vals[i] = excelize.Cell{StyleID: pct, Value: cell.Value}
			} else {
				vals[i] = cell.Value
			}
		}
		addr, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(addr, vals); err != nil {
			return fmt.Errorf("dashboard: xlsx: %w", err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("dashboard: xlsx: %w", err)
	}
	return f.Write(buf)
}

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
