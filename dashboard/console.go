package dashboard

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// handleSQL holds the place of the analysts' SQL console (issue 6): a page
// in the navigation that says what is coming. The console will fill
// templates/sql.html and add POST /api/sql to registerAPI, running
// analytics.RunSQL on the read-only handle the server already holds
// (cmd/xxgk/serve.go opens it with analytics.OpenReadOnly).
func (s *Server) handleSQL(c *gin.Context) error {
	sel, err := parseSelection(c.Request.URL.Query())
	if err != nil {
		return err
	}
	view := &pageView{Nav: "sql", Title: "SQL 控制台", Sel: sel,
		Lead: "分析人员可在此用 SQL 直接查询与各页面相同的视图。"}
	return s.render(c, http.StatusOK, "sql", view)
}
