package dashboard

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"xxgk/analytics"
	sqlfiles "xxgk/sql"
)

// ConsoleOptions configure the analysts' SQL console.
type ConsoleOptions struct {
	// Console runs the queries; nil leaves /sql a page that says the
	// console is not available and /api/sql answering 503.
	Console Console
	// MaxRows bounds the rows of a result; 0 means DefaultSQLMaxRows.
	MaxRows int
	// MaxBytes bounds the size of a result, each value as text (page, API
	// and downloads alike); 0 means DefaultSQLMaxBytes.
	MaxBytes int64
	// Timeout cancels a query; 0 means DefaultSQLTimeout.
	Timeout time.Duration
	// Concurrent bounds the console queries running at once, so that the
	// dashboards keep answering while analysts run heavy queries; 0 means
	// DefaultSQLConcurrent. A query over the bound is refused at once
	// (503, "busy"), not queued.
	Concurrent int
}

// Console defaults.
const (
	DefaultSQLMaxRows    = 10_000
	DefaultSQLMaxBytes   = analytics.DefaultConsoleBytes
	DefaultSQLTimeout    = 10 * time.Second
	DefaultSQLConcurrent = 2
	// maxSQLBody bounds the body of a console request (413 beyond it):
	// a query is a few hundred bytes, not megabytes.
	maxSQLBody = 1 << 20
)

// console is the SQL console of a Server: its limits, the slots bounding
// concurrent queries, and what its page shows besides results.
type console struct {
	run      Console
	limits   analytics.ConsoleOptions
	slots    chan struct{}
	examples []sqlfiles.Example
	dict     map[string]sqlfiles.Entry

	mu     sync.Mutex
	schema []schemaTableView // kept once read: the database cannot change under the server
}

func newConsole(opt ConsoleOptions) (*console, error) {
	c := &console{run: opt.Console, limits: analytics.ConsoleOptions{MaxRows: opt.MaxRows, MaxBytes: opt.MaxBytes, Timeout: opt.Timeout}}
	if c.limits.MaxRows <= 0 {
		c.limits.MaxRows = DefaultSQLMaxRows
	}
	if c.limits.MaxBytes <= 0 {
		c.limits.MaxBytes = DefaultSQLMaxBytes
	}
	if c.limits.Timeout <= 0 {
		c.limits.Timeout = DefaultSQLTimeout
	}
	n := opt.Concurrent
	if n <= 0 {
		n = DefaultSQLConcurrent
	}
	c.slots = make(chan struct{}, n)
	var err error
	if c.examples, err = sqlfiles.Examples(); err != nil {
		return nil, err
	}
	if c.dict, err = sqlfiles.Dictionary(); err != nil {
		return nil, err
	}
	return c, nil
}

// acquire takes a slot for one query, or says the console is busy.
func (c *console) acquire() (release func(), ok bool) {
	select {
	case c.slots <- struct{}{}:
		return func() { <-c.slots }, true
	default:
		return nil, false
	}
}

// tables returns the schema browser's tables, reading them on first use.
func (c *console) tables(ctx context.Context) ([]schemaTableView, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.schema != nil {
		return c.schema, nil
	}
	tables, err := c.run.Schema(ctx)
	if err != nil {
		return nil, err
	}
	c.schema = schemaView(tables, c.dict)
	return c.schema, nil
}

// Console routes: the page (GET shows it, POST runs a query without
// JavaScript), the JSON API and the downloads. Their queries are bounded
// by the console's own timeout, not the request's (timeoutContext).
const (
	routeSQLPage = "/sql"
	routeSQLAPI  = "/api/sql"
	routeSQLCSV  = "/export/sql.csv"
	routeSQLXLSX = "/export/sql.xlsx"
)

// registerConsole routes the console. Its POST routes refuse requests
// from other sites (http.CrossOriginProtection): a page elsewhere must not
// make a visitor's browser run queries here.
func (s *Server) registerConsole(r gin.IRouter) {
	cop := http.NewCrossOriginProtection()
	sameOrigin := func(c *gin.Context) {
		if err := cop.Check(c.Request); err != nil {
			s.writeError(c, http.StatusForbidden, "不接受来自其他网站的请求")
			c.Abort()
		}
	}
	r.GET(routeSQLPage, s.wrap(s.handleSQLPage))
	r.POST(routeSQLPage, sameOrigin, s.wrap(s.handleSQLForm))
	r.POST(routeSQLAPI, sameOrigin, s.wrap(s.handleAPISQL))
	r.GET(routeSQLAPI, s.wrap(func(*gin.Context) error {
		return &userError{http.StatusMethodNotAllowed, `请用 POST 提交查询：{"sql": "SELECT …"}`}
	}))
	r.POST(routeSQLCSV, sameOrigin, s.wrap(s.handleExportSQL("csv")))
	r.POST(routeSQLXLSX, sameOrigin, s.wrap(s.handleExportSQL("xlsx")))
}

// consoleQueryRoutes are the routes whose POST runs an analyst's query.
var consoleQueryRoutes = map[string]bool{routeSQLPage: true, routeSQLAPI: true, routeSQLCSV: true, routeSQLXLSX: true}

// isConsoleQuery says a request runs an analyst's query.
func isConsoleQuery(c *gin.Context) bool {
	return c.Request.Method == http.MethodPost && consoleQueryRoutes[c.FullPath()]
}

// handleSQLPage shows the console: the editor (prefilled from ?sql= or
// ?example=), the example queries and the schema browser.
func (s *Server) handleSQLPage(c *gin.Context) error {
	query := c.Query("sql")
	if name := c.Query("example"); name != "" {
		ex, ok := s.console.example(name)
		if !ok {
			return notFound("没有这个示例查询：" + truncate(name, 40))
		}
		query = ex.SQL
	}
	view, err := s.consolePage(c, query)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "sql", view)
}

// handleSQLForm runs the editor's query when the browser posts the form
// itself (no JavaScript): the page again, with the result or the error.
func (s *Server) handleSQLForm(c *gin.Context) error {
	query, _, err := readSQLRequest(c)
	if err != nil {
		return err
	}
	view, err := s.consolePage(c, query)
	if err != nil {
		return err
	}
	body := view.Body.(*consoleView)
	res, err := s.collectSQL(c, query)
	var qe *QueryError
	switch {
	case errors.As(err, &qe):
		body.Failure = &failureView{Summary: querySummary(qe), Message: qe.Msg}
		return s.render(c, http.StatusBadRequest, "sql", view)
	case err != nil:
		return err
	}
	body.Result = newResultView(res)
	return s.render(c, http.StatusOK, "sql", view)
}

// consolePage is the console's page with query in the editor. The
// selection in the URL, if any, only carries over to the other pages' links.
func (s *Server) consolePage(c *gin.Context, query string) (*pageView, error) {
	sel, err := parseSelection(c.Request.URL.Query())
	if err != nil {
		return nil, err
	}
	view := &pageView{Nav: "sql", Title: "SQL 控制台", Sel: sel,
		Lead: "用 SQL 直接查询与各页面相同的视图：只读，每次一条 SELECT 语句。"}
	body := &consoleView{Query: query, Limits: s.console.limits, Examples: s.console.examples}
	view.Body = body
	if s.console.run == nil {
		return view, nil
	}
	body.Enabled = true
	if body.Tables, err = s.console.tables(c.Request.Context()); err != nil {
		return nil, err
	}
	view.Styles = consoleStyles
	view.ExtraScripts = consoleScripts
	return view, nil
}

// example finds an example query by name.
func (c *console) example(name string) (sqlfiles.Example, bool) {
	for _, ex := range c.examples {
		if ex.Name == name {
			return ex, true
		}
	}
	return sqlfiles.Example{}, false
}
