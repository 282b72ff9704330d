package dashboard

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
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
// maxRows rows (0: the server's cap), and logs it.
func (s *Server) runSQL(c *gin.Context, query string, maxRows int) (*SQLResult, error) {
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
	res, err := con.run.Run(c.Request.Context(), query, lim)
	noteQuery(c, query, res, err) // for the audit log (audit_routes.go)
	attrs := []any{"query", truncate(query, 300)}
	if res != nil {
		attrs = append(attrs, "rows", len(res.Rows), "truncated", res.Truncated, "took", res.Elapsed)
	}
	if err != nil {
		attrs = append(attrs, "err", err)
	}
	s.log.Info("sql console", attrs...)
	return res, err
}

// sqlResultJSON is the answer of POST /api/sql.
type sqlResultJSON struct {
	Columns   []sqlColumnJSON `json:"columns"`
	Rows      [][]any         `json:"rows"`
	RowCount  int             `json:"row_count"`
	Truncated bool            `json:"truncated"`
	MaxRows   int             `json:"max_rows"`
	ElapsedMS int64           `json:"elapsed_ms"`
}

type sqlColumnJSON struct {
	Name    string `json:"name"`
	Type    string `json:"type"`
	Numeric bool   `json:"numeric"`
}

// handleAPISQL runs one query: {"sql": "SELECT …"} in, the result out.
func (s *Server) handleAPISQL(c *gin.Context) error {
	query, maxRows, err := readSQLRequest(c)
	if err != nil {
		return err
	}
	res, err := s.runSQL(c, query, maxRows)
	if err != nil {
		return err
	}
	out := sqlResultJSON{Columns: []sqlColumnJSON{}, Rows: res.Rows, RowCount: len(res.Rows),
		Truncated: res.Truncated, MaxRows: s.console.limits.MaxRows, ElapsedMS: res.Elapsed.Milliseconds()}
	if maxRows > 0 {
		out.MaxRows = min(maxRows, out.MaxRows)
	}
	for _, col := range res.Columns {
		out.Columns = append(out.Columns, sqlColumnJSON{col.Name, col.Type, col.Numeric})
	}
	if out.Rows == nil {
		out.Rows = [][]any{}
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, out)
	return nil
}

// handleExportSQL runs a query and sends its result as a CSV or XLSX
// file, written as the dashboards' downloads are. X-Truncated: true says
// the file holds only the first MaxRows rows.
func (s *Server) handleExportSQL(format string) handlerFunc {
	return func(c *gin.Context) error {
		query, maxRows, err := readSQLRequest(c)
		if err != nil {
			return err
		}
		res, err := s.runSQL(c, query, maxRows)
		if err != nil {
			return err
		}
		t := resultTable(res)
		var buf bytes.Buffer
		contentType := contentCSV
		if format == "csv" {
			err = writeCSV(&buf, t)
		} else {
			contentType = contentXLSX
			err = writeXLSX(&buf, t)
		}
		if err != nil {
			return err
		}
		name := "query-" + nowFunc().Format("20060102-150405") + "." + format
		c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, name))
		c.Header("Cache-Control", "no-store")
		c.Header("X-Truncated", strconv.FormatBool(res.Truncated))
		c.Data(http.StatusOK, contentType, buf.Bytes())
		return nil
	}
}
