package dashboard

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"xxgk/dashboard/auth"
)

// routePerms says who may use each route, as Gin registers it
// ("METHOD /path/:param"). A route in neither this table nor routePrefixes
// is refused to everyone (and TestRoleMatrix fails): a new route must say
// who may use it. A helper adding routes adds its lines here, e.g.
// {"POST /api/ingest", auth.PermUpload} is covered by routePrefixes.
var routePerms = map[string]auth.Perm{
	"GET /favicon.ico":    auth.PermPublic,
	"GET " + routeLogin:   auth.PermPublic,
	"POST " + routeLogin:  auth.PermPublic,
	"POST " + routeLogout: auth.PermPublic,

	"GET /":             auth.PermView,
	"GET /rankings":     auth.PermView,
	"GET /problems":     auth.PermView,
	"GET /requests":     auth.PermView,
	"GET /appeals":      auth.PermView,
	"GET /quality":      auth.PermView,
	"GET /review":       auth.PermView, // decisions: POST /api/review/…
	"GET /township":     auth.PermView,
	"GET /counties":     auth.PermView,
	"GET /report":       auth.PermView, // the source document itself: /source, below
	"GET /search":       auth.PermView,
	"GET /definitions":  auth.PermView,
	"GET /api/catalog":  auth.PermView,
	"GET /api/search":   auth.PermView,
	"GET /api/:dataset": auth.PermView,
	"GET /export/:file": auth.PermView,

	"GET " + routeSQLPage:  auth.PermConsole,
	"POST " + routeSQLPage: auth.PermConsole,
	"GET " + routeSQLAPI:   auth.PermConsole,
	"POST " + routeSQLAPI:  auth.PermConsole,
	"POST " + routeSQLCSV:  auth.PermConsole,
	"POST " + routeSQLXLSX: auth.PermConsole,

	"POST " + routeReviewAPI: auth.PermReview,

	"GET " + routeAuditPage:     auth.PermAudit,
	"GET " + routeAuditDownload: auth.PermAudit,
}

// routePrefixes grant a permission to every route under a path, for areas
// whose routes other parts of the program add: the assets, uploads
// (live ingest), review decisions and the source documents.
var routePrefixes = []struct {
	prefix string
	perm   auth.Perm
}{
	{"/assets/", auth.PermPublic},
	{"/upload", auth.PermUpload},
	{"/api/ingest", auth.PermUpload},
	{"/api/review/", auth.PermReview},
	{"/source", auth.PermConsole},
}

// routePermission finds who may use a route; ok is false for a route
// nobody listed.
func routePermission(method, path string) (auth.Perm, bool) {
	if method == http.MethodHead {
		method = http.MethodGet
	}
	if p, ok := routePerms[method+" "+path]; ok {
		return p, true
	}
	for _, r := range routePrefixes {
		if strings.HasPrefix(path, r.prefix) {
			return r.perm, true
		}
	}
	return 0, false
}

// visitor is who sent a request, as the access middleware found.
type visitor struct {
	name    string
	role    auth.Role
	via     string        // "local" (no accounts), "session", "basic" or "" (anonymous)
	session *auth.Session // when via == "session"
}

const visitorKey = "xxgk.visitor"

// visitorOf is the request's visitor (anonymous before access ran).
func visitorOf(c *gin.Context) visitor {
	if v, ok := c.Get(visitorKey); ok {
		return v.(visitor)
	}
	return visitor{}
}

// access identifies the visitor, then lets the request through only if
// the visitor may use its route, and, for a state-changing request, only
// if it comes from this site and, in a browser session, carries the
// session's CSRF token.
func (s *Server) access() gin.HandlerFunc {
	cop := http.NewCrossOriginProtection()
	return func(c *gin.Context) {
		v, ok := s.identify(c)
		if !ok {
			c.Abort()
			return
		}
		c.Set(visitorKey, v)
		path := c.FullPath()
		if path == "" {
			c.Next() // no route: the 404 page
			return
		}
		perm, listed := routePermission(c.Request.Method, path)
		if !listed {
			s.log.Error("route without a permission refused", "method", c.Request.Method, "route", path)
			s.deny(c, http.StatusForbidden, "此功能未开放")
			return
		}
		if !v.role.Can(perm) {
			s.refuse(c, v)
			return
		}
		if !isSafeMethod(c.Request.Method) {
			if err := cop.Check(c.Request); err != nil {
				s.deny(c, http.StatusForbidden, "不接受来自其他网站的请求")
				return
			}
			if v.via == "session" && !s.sessions.CheckCSRF(*v.session, csrfTokenOf(c)) {
				s.deny(c, http.StatusForbidden, "页面已过期或缺少校验码，请刷新页面后重试")
				return
			}
		}
		c.Next()
	}
}

func isSafeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// csrfField and csrfHeader carry the CSRF token: the field in forms, the
// header in the pages' scripts (read from <meta name="csrf-token">).
const (
	csrfField  = "csrf_token"
	csrfHeader = "X-CSRF-Token"
)

// csrfTokenOf reads the token from the header, or from a posted form. The
// form is read (at most maxSQLBody) only when the header is absent. A
// multipart form (an upload without JavaScript) carries it in the URL
// (action="/upload?csrf_token=…"), so that the middleware need not read
// the files; Referrer-Policy: same-origin keeps it from other sites.
func csrfTokenOf(c *gin.Context) string {
	if t := c.GetHeader(csrfHeader); t != "" {
		return t
	}
	switch c.ContentType() {
	case "multipart/form-data":
		return c.Query(csrfField)
	case "application/x-www-form-urlencoded":
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxSQLBody)
		if c.Request.ParseForm() == nil {
			return c.Request.PostForm.Get(csrfField)
		}
	}
	return ""
}

// refuse answers a visitor who may not use a route: 403 when signed in;
// otherwise a page sends the browser to the login page, and the API and
// downloads answer 401 (asking scripts for Basic credentials).
func (s *Server) refuse(c *gin.Context, v visitor) {
	if v.via != "" {
		s.deny(c, http.StatusForbidden, "您的账号（"+v.role.Label()+"）无权使用此功能")
		return
	}
	if !isMachineRoute(c.Request.URL.Path) {
		status := http.StatusFound
		if !isSafeMethod(c.Request.Method) {
			status = http.StatusSeeOther
		}
		c.Header("Cache-Control", "no-store")
		c.Redirect(status, routeLogin+"?next="+url.QueryEscape(c.Request.URL.RequestURI()))
		c.Abort()
		return
	}
	if c.GetHeader("Sec-Fetch-Site") == "" {
		// Not a browser's fetch: tell the script how to authenticate. A
		// browser's fetch would pop up its own password dialog instead of
		// the page's message.
		c.Header("WWW-Authenticate", `Basic realm="xxgk", charset="UTF-8"`)
	}
	s.deny(c, http.StatusUnauthorized, "请先登录（浏览器打开登录页，脚本用 HTTP Basic 认证）")
}

// isMachineRoute says a route answers scripts and downloads, not pages.
func isMachineRoute(path string) bool {
	return strings.HasPrefix(path, "/api/") || strings.HasPrefix(path, "/export/") || strings.HasSuffix(path, ".jsonl")
}

func (s *Server) deny(c *gin.Context, status int, msg string) {
	c.Header("Cache-Control", "no-store")
	s.writeError(c, status, msg)
	c.Abort()
}
