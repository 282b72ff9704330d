package dashboard

import (
	"context"
	"encoding/json"
	"errors"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"xxgk/analytics"
)

// sqlRequest is the body of POST /api/sql and of the SQL downloads, as
// JSON or as a form (fields sql and max_rows).
type sqlRequest struct {
	SQL     string `json:"sql"`
	MaxRows int    `json:"max_rows"` // optional; at most the server's cap
}

// readSQLRequest reads a console request: JSON or a posted form, at most
// maxSQLBody bytes (413 beyond). Line ends are normalised to "\n", so that
// DuckDB counts lines as the editor shows them.
func readSQLRequest(c *gin.Context) (query string, maxRows int, err error) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxSQLBody)
	var req sqlRequest
	ct, _, _ := mime.ParseMediaType(c.GetHeader("Content-Type"))
	switch ct {
	case "application/json":
		err = json.NewDecoder(c.Request.Body).Decode(&req)
	case "application/x-www-form-urlencoded":
		if err = c.Request.ParseForm(); err == nil {
			req.SQL = c.Request.PostForm.Get("sql")
			if n := c.Request.PostForm.Get("max_rows"); n != "" {
				req.MaxRows, err = strconv.Atoi(n)
			}
		}
	default:
		return "", 0, &userError{http.StatusUnsupportedMediaType, `请以 JSON 提交查询：{"sql": "SELECT …"}`}
	}
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return "", 0, errTooLarge
	case err != nil:
		return "", 0, badRequest(`请求格式无效：应为 {"sql": "SELECT …", "max_rows": 100}`)
	}
	query = strings.ReplaceAll(req.SQL, "\r\n", "\n")
	if strings.TrimSpace(query) == "" {
		return "", 0, badRequest("请输入一条 SELECT 查询")
	}
	return query, req.MaxRows, nil
}

// runSQL runs an analyst's query in one of the console's slots, at most
// maxRows rows (0: the server's cap) and the server's byte budget, hands
// its rows to sink, and logs it.
func (s *Server) runSQL(c *gin.Context, query string, maxRows int, sink analytics.RowSink) (*analytics.ConsoleResult, error) {
	con := s.console
	if con.run == nil {
		return nil, errNoConsole
	}
	release, ok := con.acquire()
	if !ok {
		c.Header("Retry-After", "5")
		return nil, errBusy(cap(con.slots))
	}
	defer release()
	lim := con.limits
	if maxRows > 0 && maxRows < lim.MaxRows {
		lim.MaxRows = maxRows
	}
	// The timeout bounds running the query; handing a long result to a
	// slow client is bounded by the write deadlines (progressWriter) and,
	// in all, by maxStreamTime.
	ctx, cancel := context.WithTimeout(c.Request.Context(), lim.Timeout+maxStreamTime)
	defer cancel()
	res, err := con.run.Stream(ctx, query, lim, sink)
	noteQuery(c, query, res, err) // for the audit log (audit_routes.go)
	attrs := []any{"query", truncate(query, 300)}
	if res != nil {
		attrs = append(attrs, "rows", res.RowCount, "bytes", res.Bytes, "truncated", res.Truncated, "cut_by", res.CutBy, "took", res.Elapsed)
	}
	if err != nil {
		attrs = append(attrs, "err", err)
	}
	s.log.Info("sql console", attrs...)
	return res, err
}

// maxStreamTime bounds how long one console result may take to reach its
// client, so that a client reading slowly cannot hold a console slot for
// long.
const maxStreamTime = 10 * time.Minute

// collectedResult is a result with its rows, for the page.
type collectedResult struct {
	*analytics.ConsoleResult
	rows [][]any
}

// collectSink keeps the rows (the page without JavaScript: at most the
// byte budget).
type collectSink struct{ rows [][]any }

func (c *collectSink) Columns(*analytics.ConsoleResult) error { return nil }
func (c *collectSink) Row(v []any) error                      { c.rows = append(c.rows, v); return nil }

// collectSQL runs a query and keeps its rows.
func (s *Server) collectSQL(c *gin.Context, query string) (*collectedResult, error) {
	var sink collectSink
	res, err := s.runSQL(c, query, 0, &sink)
	if err != nil {
		return nil, err
	}
	return &collectedResult{res, sink.rows}, nil
}

// handleAPISQL runs one query: {"sql": "SELECT …"} in, the result out,
// streamed as its rows are read (apiSink).
func (s *Server) handleAPISQL(c *gin.Context) error {
	query, maxRows, err := readSQLRequest(c)
	if err != nil {
		return err
	}
	sink := newAPISink(c)
	res, err := s.runSQL(c, query, maxRows, sink)
	if err == nil {
		err = sink.finish(res)
	}
	return s.streamed(c, err)
}

// handleExportSQL runs a query and sends its result as a CSV file,
// streamed as its rows are read, or as an XLSX workbook (written as rows
// are read into excelize's stream writer, then sent). The headers say
// whether and why it was cut (X-Truncated, X-Truncated-By, X-Row-Count),
// and so does the file name.
func (s *Server) handleExportSQL(format string) handlerFunc {
	return func(c *gin.Context) error {
		query, maxRows, err := readSQLRequest(c)
		if err != nil {
			return err
		}
		if format == "csv" {
			sink := &csvSink{c: c}
			_, err = s.runSQL(c, query, maxRows, sink)
			if err == nil {
				err = sink.finish()
			}
			return s.streamed(c, err)
		}
		sink := &xlsxSink{c: c}
		defer sink.close()
		res, err := s.runSQL(c, query, maxRows, sink)
		if err != nil {
			return err
		}
		return s.streamed(c, sink.finish(res))
	}
}

// streamed ends a response that may have started: before the first byte
// an error is answered as usual; after it, a client gone away is only
// noted, and any other failure closes the connection, so that the client
// sees a broken download rather than a complete-looking one.
func (s *Server) streamed(c *gin.Context, err error) error {
	if err == nil || !c.Writer.Written() {
		return err
	}
	if c.Request.Context().Err() != nil {
		s.log.Debug("console download stopped: the client went away", "path", c.Request.URL.Path, "err", err)
		return nil
	}
	s.log.Error("console result failed while being sent", "path", c.Request.URL.Path, "err", err)
	if conn, _, herr := http.NewResponseController(c.Writer).Hijack(); herr == nil {
		conn.Close()
	}
	return nil
}
