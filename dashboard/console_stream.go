package dashboard

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"xxgk/analytics"
	"xxgk/analytics/csvsafe"
)

// The console's results reach their clients as their rows are read (the
// sinks below, analytics.RowSink), never as a whole file in memory: what a
// result holds in memory at once is bounded by the byte budget, and a
// client that goes away stops the query and frees it.

// Write deadlines: a streamed response has writeWindow to write each
// deadlineEvery bytes, however long it is in all (the server's own
// WriteTimeout would cut a long download; this extends it while the client
// keeps reading, and lets one that stops reading go).
const (
	writeWindow   = 30 * time.Second
	deadlineEvery = 256 << 10
)

// progressWriter extends the connection's write deadline as a response
// progresses.
type progressWriter struct {
	w       io.Writer
	rc      *http.ResponseController
	written int64
	mark    int64
}

func newProgressWriter(w http.ResponseWriter) *progressWriter {
	p := &progressWriter{w: w, rc: http.NewResponseController(w)}
	p.extend()
	return p
}

// extend moves the write deadline on; a server without deadlines (a test's
// recorder) says it cannot, which is fine.
func (p *progressWriter) extend() {
	_ = p.rc.SetWriteDeadline(time.Now().Add(writeWindow))
	p.mark = p.written
}

func (p *progressWriter) Write(b []byte) (int, error) {
	if p.written-p.mark >= deadlineEvery {
		p.extend()
	}
	n, err := p.w.Write(b)
	p.written += int64(n)
	return n, err
}

// cutHeaders say in a download's headers whether and why it was cut.
func cutHeaders(c *gin.Context, res *analytics.ConsoleResult) {
	c.Header("Cache-Control", "no-store")
	c.Header("X-Truncated", strconv.FormatBool(res.Truncated))
	c.Header("X-Row-Count", strconv.Itoa(res.RowCount))
	if res.Truncated {
		c.Header("X-Truncated-By", res.CutBy)
	}
}

// downloadName is a console download's file name: the time, and for a cut
// result how many rows it holds (query-20250301-090507-first-10000-rows.csv).
func downloadName(res *analytics.ConsoleResult, format string) string {
	name := "query-" + nowFunc().Format("20060102-150405")
	if res.Truncated {
		name += "-first-" + strconv.Itoa(res.RowCount) + "-rows"
	}
	return name + "." + format
}

// apiSink writes POST /api/sql's answer as rows arrive: what is known
// before the first row (columns, how many rows, whether and why the result
// was cut) first, then the rows, then the bytes and the time.
type apiSink struct {
	c       *gin.Context
	bw      *bufio.Writer
	res     *analytics.ConsoleResult
	started bool
}

func newAPISink(c *gin.Context) *apiSink { return &apiSink{c: c} }

// sqlColumnJSON is a column of POST /api/sql's answer.
type sqlColumnJSON struct {
	Name    string `json:"name"`
	Type    string `json:"type"`
	Numeric bool   `json:"numeric"`
}

func (a *apiSink) Columns(res *analytics.ConsoleResult) error {
	a.res = res
	cols := make([]sqlColumnJSON, len(res.Columns))
	for i, name := range res.Columns {
		cols[i] = sqlColumnJSON{name, res.Types[i], analytics.IsNumericType(res.Types[i])}
	}
	head, err := json.Marshal(struct {
		Columns   []sqlColumnJSON `json:"columns"`
		RowCount  int             `json:"row_count"`
		Truncated bool            `json:"truncated"`
		CutBy     string          `json:"cut_by,omitempty"`
		CutNote   string          `json:"cut_note,omitempty"`
		MaxRows   int             `json:"max_rows"`
		MaxBytes  int64           `json:"max_bytes"`
	}{cols, res.RowCount, res.Truncated, res.CutBy, cutNote(res), res.Limits.MaxRows, res.Limits.MaxBytes})
	if err != nil {
		return err
	}
	a.c.Header("Content-Type", "application/json; charset=utf-8")
	a.c.Header("Cache-Control", "no-store")
	a.c.Status(http.StatusOK)
	a.bw = bufio.NewWriterSize(newProgressWriter(a.c.Writer), 32<<10)
	a.bw.Write(head[:len(head)-1])
	_, err = a.bw.WriteString(`,"rows":[`)
	return err
}

func (a *apiSink) Row(vals []any) error {
	row := make([]any, len(vals))
	for i, v := range vals {
		row[i] = analytics.JSONValue(v, a.res.Types[i])
	}
	b, err := json.Marshal(row)
	if err != nil {
		return err
	}
	if a.started {
		a.bw.WriteByte(',')
	}
	a.started = true
	_, err = a.bw.Write(b)
	return err
}

func (a *apiSink) finish(res *analytics.ConsoleResult) error {
	fmt.Fprintf(a.bw, `],"bytes":%d,"elapsed_ms":%d}`, res.Bytes, res.Elapsed.Milliseconds())
	return a.bw.Flush()
}

// csvSink writes a CSV download as rows arrive.
type csvSink struct {
	c   *gin.Context
	res *analytics.ConsoleResult
	bw  *bufio.Writer
	cw  *csvsafe.Writer
	rec []csvsafe.Cell
}

func (s *csvSink) Columns(res *analytics.ConsoleResult) error {
	s.res = res
	s.c.Header("Content-Type", contentCSV)
	s.c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, downloadName(res, "csv")))
	cutHeaders(s.c, res)
	s.c.Status(http.StatusOK)
	s.bw = bufio.NewWriterSize(newProgressWriter(s.c.Writer), 32<<10)
	s.cw = newCSVWriter(s.bw)
	return s.cw.Header(res.Columns)
}

func (s *csvSink) Row(vals []any) error {
	s.rec = csvCells(resultRow(s.res, vals), s.rec)
	return s.cw.Row(s.rec)
}

func (s *csvSink) finish() error {
	if err := s.cw.Flush(); err != nil {
		return err
	}
	return s.bw.Flush()
}

// xlsxSink writes rows into a workbook as they arrive (excelize keeps a
// chunk in memory, the rest in a temporary file) and sends it at the end.
type xlsxSink struct {
	c   *gin.Context
	res *analytics.ConsoleResult
	x   *xlsxWriter
}

func (s *xlsxSink) Columns(res *analytics.ConsoleResult) error {
	s.res = res
	var err error
	s.x, err = newXLSXWriter("查询结果", resultColumns(res))
	return err
}

func (s *xlsxSink) Row(vals []any) error { return s.x.Row(resultRow(s.res, vals)) }

// finish sends the workbook; a cut result ends with a row saying so.
func (s *xlsxSink) finish(res *analytics.ConsoleResult) error {
	if note := cutNote(res); note != "" {
		if err := s.x.Row([]Cell{text("（" + note + "）")}); err != nil {
			return err
		}
	}
	s.c.Header("Content-Type", contentXLSX)
	s.c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, downloadName(res, "xlsx")))
	cutHeaders(s.c, res)
	s.c.Status(http.StatusOK)
	return s.x.Send(newProgressWriter(s.c.Writer))
}

func (s *xlsxSink) close() {
	if s.x != nil {
		s.x.Close()
	}
}
