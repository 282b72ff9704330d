package dashboard

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
	"xxgk/analytics"

	"github.com/gin-gonic/gin"

	"xxgk/dashboard/audit"
)

// audit records an event with the request's visitor and address.
func (s *Server) audit(c *gin.Context, e audit.Event) {
	if s.sec.Audit == nil {
		return
	}
	if e.User == "" {
		v := visitorOf(c)
		e.User, e.Role = v.name, string(v.role)
	}
	e.Addr = s.clientAddr(c.Request)
	if e.Method == "" {
		e.Method, e.Path = c.Request.Method, c.Request.URL.Path
	}
	if err := s.sec.Audit.Record(e); err != nil {
		s.log.Error("audit log", "err", err)
	}
}

// queryNote is what a console handler tells the audit middleware of the
// query it ran.
type queryNote struct {
	query   string
	rows    int
	outcome string
}

const queryNoteKey = "xxgk.query"

// noteQuery keeps a console query's text, rows and outcome for the audit.
func noteQuery(c *gin.Context, query string, res *analytics.ConsoleResult, err error) {
	n := queryNote{query: query, outcome: "ok"}
	if res != nil {
		n.rows = res.RowCount
		if res.Truncated {
			n.outcome = "truncated"
		}
	}
	var qe *QueryError
	switch {
	case errors.As(err, &qe):
		first, _, _ := strings.Cut(qe.Msg, "\n")
		n.outcome = queryKind(qe) + ": " + truncate(first, 200) // refused, timeout or error
	case err != nil:
		_, msg := errorStatus(err)
		n.outcome = "error: " + msg
	}
	c.Set(queryNoteKey, n)
}

// auditRequests records every console query and every export once the
// handler is done: who, what, rows, bytes sent, time and outcome.
func (s *Server) auditRequests() gin.HandlerFunc {
	return func(c *gin.Context) {
		if s.sec.Audit == nil {
			c.Next()
			return
		}
		start := nowFunc()
		c.Next()
		kind := ""
		switch {
		case isConsoleQuery(c) && c.FullPath() != routeSQLCSV && c.FullPath() != routeSQLXLSX:
			kind = audit.Query
		case c.FullPath() == "/export/:file" || c.FullPath() == routeSQLCSV || c.FullPath() == routeSQLXLSX:
			kind = audit.Export
		default:
			return
		}
		e := audit.Event{Kind: kind, Status: c.Writer.Status(), Bytes: int64(max(0, c.Writer.Size())),
			Millis: nowFunc().Sub(start).Milliseconds(), Outcome: "ok"}
		if kind == audit.Export && c.Request.URL.RawQuery != "" {
			e.Detail = truncate(c.Request.URL.RawQuery, 300)
		}
		if v, ok := c.Get(queryNoteKey); ok {
			n := v.(queryNote)
			e.Query, e.Rows, e.Outcome = n.query, &n.rows, n.outcome
		} else if e.Status >= 400 {
			e.Outcome = "refused"
		}
		s.audit(c, e)
	}
}

// RecordUpload records an upload in the audit log (for the upload
// handlers): the files, and what became of them.
func (s *Server) RecordUpload(c *gin.Context, files []string, outcome, detail string) {
	s.audit(c, audit.Event{Kind: audit.Upload, Files: files, Outcome: outcome, Detail: detail, Status: c.Writer.Status()})
}

// Audit log page bounds: the newest events, from the end of the file.
const (
	auditPageEvents = 500
	auditPageBytes  = 4 << 20
)

// auditView is the audit log page.
type auditView struct {
	Events []audit.Event
	Path   string
}

func (s *Server) handleAuditPage(c *gin.Context) error {
	if s.sec.Audit.Path() == "" {
		return notFound("未启用审计日志：启动 xxgk serve 时加上 --audit 文件路径")
	}
	events, err := s.sec.Audit.Tail(auditPageEvents, auditPageBytes)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "audit", &pageView{Nav: "audit", Title: "审计日志",
		Lead: fmt.Sprintf("最近 %d 条记录（新的在前）：登录、SQL 查询、下载和上传。完整日志可下载。", auditPageEvents),
		Body: auditView{Events: events, Path: routeAuditDownload}})
}

// handleAuditDownload sends the whole log, streamed from the file.
func (s *Server) handleAuditDownload(c *gin.Context) error {
	if s.sec.Audit.Path() == "" {
		return notFound("未启用审计日志：启动 xxgk serve 时加上 --audit 文件路径")
	}
	c.Header("Content-Disposition", `attachment; filename="audit.jsonl"`)
	c.Header("Cache-Control", "no-store")
	c.Header("Content-Type", "application/x-ndjson")
	http.ServeFile(c.Writer, c.Request, s.sec.Audit.Path())
	return nil
}

func retryAfter(wait time.Duration) string {
	return strconv.Itoa(int(math.Ceil(wait.Seconds())))
}
