package dashboard

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"xxgk/dashboard/audit"
	"xxgk/dashboard/auth"
)

// Routes of signing in and out, and of the audit log.
const (
	routeLogin         = "/login"
	routeLogout        = "/logout"
	routeAuditPage     = "/admin/audit"
	routeAuditDownload = "/admin/audit.jsonl"
)

// maxLoginBody bounds a sign-in form: a name, a password and a path.
const maxLoginBody = 8 << 10

// registerAccess routes signing in and out and the audit log.
func (s *Server) registerAccess(r gin.IRouter) {
	r.GET(routeLogin, s.wrap(s.handleLoginPage))
	r.POST(routeLogin, s.wrap(s.handleLogin))
	r.POST(routeLogout, s.wrap(s.handleLogout))
	r.GET(routeAuditPage, s.wrap(s.handleAuditPage))
	r.GET(routeAuditDownload, s.wrap(s.handleAuditDownload))
}

// loginView is what the login page shows.
type loginView struct {
	Name, Next, Error string
}

func (s *Server) handleLoginPage(c *gin.Context) error {
	next := safeNext(c.Query("next"))
	if s.sec.Users == nil || visitorOf(c).via != "" {
		c.Redirect(http.StatusFound, next) // nothing to sign in to, or signed in already
		return nil
	}
	return s.renderLogin(c, http.StatusOK, loginView{Next: next})
}

func (s *Server) renderLogin(c *gin.Context, status int, v loginView) error {
	return s.render(c, status, "login", &pageView{Nav: "login", Title: "登录", Body: v,
		Lead: "请使用管理员为您创建的账号登录。"})
}

// handleLogin checks a name and password from the login form, within the
// limits per name and per address, and signs the browser in.
func (s *Server) handleLogin(c *gin.Context) error {
	if s.sec.Users == nil {
		c.Redirect(http.StatusSeeOther, "/")
		return nil
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxLoginBody)
	if err := c.Request.ParseForm(); err != nil {
		return badRequest("登录表单无效，请重新打开登录页")
	}
	name := strings.TrimSpace(c.Request.PostForm.Get("name"))
	password := c.Request.PostForm.Get("password")
	v := loginView{Name: truncate(name, auth.MaxNameLen), Next: safeNext(c.Request.PostForm.Get("next"))}
	addr := s.clientAddr(c.Request)
	if wait := s.guard.Wait(name, addr); wait > 0 {
		s.audit(c, audit.Event{Kind: audit.SignInFailed, User: v.Name, Outcome: "limited"})
		c.Header("Retry-After", retryAfter(wait))
		v.Error = waitMessage(wait)
		return s.renderLogin(c, http.StatusTooManyRequests, v)
	}
	acc, ok := s.sec.Users.Verify(c.Request.Context(), name, password)
	if !ok {
		s.guard.Failed(name, addr)
		s.audit(c, audit.Event{Kind: audit.SignInFailed, User: v.Name, Outcome: "wrong"})
		v.Error = "用户名或密码不正确"
		return s.renderLogin(c, http.StatusUnauthorized, v)
	}
	s.guard.Succeeded(name)
	s.setSession(c, acc)
	s.audit(c, audit.Event{Kind: audit.SignIn, User: acc.Name, Role: string(acc.Role), Outcome: "ok"})
	c.Redirect(http.StatusSeeOther, v.Next)
	return nil
}

func (s *Server) handleLogout(c *gin.Context) error {
	if v := visitorOf(c); v.via == "session" {
		s.audit(c, audit.Event{Kind: audit.SignOut, User: v.name, Role: string(v.role)})
	}
	s.clearSession(c)
	target := routeLogin
	if s.sec.Users == nil {
		target = "/"
	}
	c.Redirect(http.StatusSeeOther, target)
	return nil
}

// safeNext keeps a path on this site to return to after signing in: a
// path, never another site ("//evil", "/\evil", "https://…").
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") ||
		strings.ContainsAny(next, "\r\n\t") || len(next) > 2000 || strings.HasPrefix(next, routeLogin) {
		return "/"
	}
	return next
}
