package dashboard

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// querySummary is the Chinese headline of a failed query; the details are
// DuckDB's message (QueryError.Msg), shown under it as they are.
func querySummary(e *QueryError) string {
	switch queryKind(e) {
	case SQLRefused:
		return "只能运行一条 SELECT 查询语句：数据库是只读的，不能修改数据、读写文件、挂载数据库、加载扩展或更改设置"
	case SQLTimeout:
		return "查询超过时限，已取消：请缩小范围或简化查询"
	}
	if e.Line > 0 {
		return fmt.Sprintf("查询出错（第 %d 行第 %d 列）", e.Line, e.Column)
	}
	return "查询出错"
}

// errBusy says every console slot is taken.
func errBusy(slots int) error {
	return &userError{http.StatusServiceUnavailable,
		fmt.Sprintf("SQL 控制台正忙：同时最多运行 %d 个查询，请稍后再试", slots)}
}

// errNoConsole says the server runs without a console.
var errNoConsole = &userError{http.StatusServiceUnavailable, "本服务器未启用 SQL 控制台"}

// errTooLarge refuses a request body over maxSQLBody.
var errTooLarge = &userError{http.StatusRequestEntityTooLarge,
	fmt.Sprintf("查询过长：请求不能超过 %d KB", maxSQLBody/1024)}

// writeQueryError answers a failed query: as JSON under /api/ (the
// headline, the kind, DuckDB's message and the place of the error), as
// text under /export/ (the headline and the message), as the error page
// elsewhere (the console page shows its failures itself).
func (s *Server) writeQueryError(c *gin.Context, status int, qe *QueryError) {
	path := c.Request.URL.Path
	switch {
	case c.Writer.Written():
	case strings.HasPrefix(path, "/api/"):
		body := gin.H{"error": querySummary(qe), "kind": queryKind(qe), "message": qe.Msg}
		if qe.Line > 0 {
			body["line"], body["column"] = qe.Line, qe.Column
		}
		c.JSON(status, body)
	case strings.HasPrefix(path, "/export/"):
		c.Data(status, "text/plain; charset=utf-8", []byte(querySummary(qe)+"\n\n"+qe.Msg+"\n"))
	default:
		s.writeError(c, status, querySummary(qe))
	}
}
