package dashboard

import (
	"crypto/subtle"
	"fmt"
	"math"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"xxgk/dashboard/audit"
	"xxgk/dashboard/auth"
)

// sessionCookie names the session cookie.
const sessionCookie = "xxgk_session"

// identify finds who sent a request: everyone is the local administrator
// when there are no accounts; otherwise HTTP Basic credentials (scripts),
// a session cookie (browsers) or nobody. ok is false when the request was
// answered already (wrong credentials, too many failures, not local).
func (s *Server) identify(c *gin.Context) (visitor, bool) {
	if s.sec.Users == nil {
		if s.sec.LocalOnly && !isLoopback(remoteHost(c.Request)) {
			s.writeError(c, http.StatusForbidden, "此服务器未配置账号，只接受本机访问")
			return visitor{}, false
		}
		return visitor{role: auth.Admin, via: "local"}, true
	}
	if name, password, ok := c.Request.BasicAuth(); ok {
		return s.basicAuth(c, name, password)
	}
	if secret, ok := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer "); ok {
		return s.tokenAuth(c, secret)
	}
	cookie, err := c.Request.Cookie(sessionCookie)
	if err != nil {
		return visitor{}, true
	}
	if sess, ok := s.sessions.Parse(cookie.Value); ok {
		if acc, ok := s.sec.Users.Lookup(sess.Name); ok && acc.Stamp() == sess.Stamp {
			return visitor{name: acc.Name, role: acc.Role, via: "session", session: &sess}, true
		}
	}
	s.clearSession(c) // expired, or the account's password or role changed
	return visitor{}, true
}

// basicAuth checks HTTP Basic credentials, which every request of a script
// carries. Failures count against the sign-in limits; a success is not
// logged as a sign-in (the queries and exports it makes are).
func (s *Server) basicAuth(c *gin.Context, name, password string) (visitor, bool) {
	addr := s.clientAddr(c.Request)
	if wait := s.guard.Wait(name, addr); wait > 0 {
		s.tooManyAttempts(c, wait)
		return visitor{}, false
	}
	acc, ok := s.sec.Users.Verify(c.Request.Context(), name, password)
	if !ok {
		s.guard.Failed(name, addr)
		s.audit(c, audit.Event{Kind: audit.SignInFailed, User: truncate(name, auth.MaxNameLen), Detail: "basic"})
		c.Header("WWW-Authenticate", `Basic realm="xxgk", charset="UTF-8"`)
		s.writeError(c, http.StatusUnauthorized, "用户名或密码不正确")
		return visitor{}, false
	}
	s.guard.Succeeded(name)
	return visitor{name: acc.Name, role: acc.Role, via: "basic"}, true
}

// tokenAuth checks a bearer token against Security.Tokens, each in
// constant time; a wrong one counts against the address's sign-in limit.
func (s *Server) tokenAuth(c *gin.Context, secret string) (visitor, bool) {
	addr := s.clientAddr(c.Request)
	if wait := s.guard.Addrs.Wait(addr); wait > 0 {
		s.tooManyAttempts(c, wait)
		return visitor{}, false
	}
	for _, t := range s.sec.Tokens {
		if t.Secret != "" && subtle.ConstantTimeCompare([]byte(secret), []byte(t.Secret)) == 1 {
			return visitor{name: t.Name, role: t.Role, via: "token"}, true
		}
	}
	s.guard.Addrs.Fail(addr)
	s.audit(c, audit.Event{Kind: audit.SignInFailed, Detail: "token"})
	s.writeError(c, http.StatusUnauthorized, "令牌无效")
	return visitor{}, false
}

// tooManyAttempts answers 429 with when to try again.
func (s *Server) tooManyAttempts(c *gin.Context, wait time.Duration) {
	c.Header("Retry-After", retryAfter(wait))
	s.writeError(c, http.StatusTooManyRequests, waitMessage(wait))
}

// waitMessage says how long to wait, in Chinese.
func waitMessage(wait time.Duration) string {
	if wait < time.Minute {
		return fmt.Sprintf("登录失败次数过多，请 %d 秒后再试", int(math.Ceil(wait.Seconds())))
	}
	return fmt.Sprintf("登录失败次数过多，请 %d 分钟后再试", int(math.Ceil(wait.Minutes())))
}

// setSession signs the browser in.
func (s *Server) setSession(c *gin.Context, acc auth.Account) {
	value, sess := s.sessions.Issue(acc)
	http.SetCookie(c.Writer, &http.Cookie{Name: sessionCookie, Value: value, Path: "/",
		Expires: sess.Expires, MaxAge: int(s.sessions.TTL().Seconds()),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secureCookies(c)})
}

// clearSession signs the browser out.
func (s *Server) clearSession(c *gin.Context) {
	http.SetCookie(c.Writer, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secureCookies(c)})
}

func (s *Server) secureCookies(c *gin.Context) bool {
	return c.Request.TLS != nil || s.sec.SecureCookies
}

func remoteHost(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// accountView is what the layout shows of the visitor: the name and role
// with a sign-out button in a browser session, the CSRF token for the
// page's forms and scripts, and which navigation to show.
type accountView struct {
	Name, Role string
	CSRF       string // the session's token; "" outside a browser session
	can        func(auth.Perm) bool
}

func (s *Server) accountView(c *gin.Context) *accountView {
	v := visitorOf(c)
	a := &accountView{can: func(p auth.Perm) bool {
		return v.role.Can(p) && (p != auth.PermAudit || s.sec.Audit.Path() != "")
	}}
	if v.via == "session" {
		a.Name, a.Role, a.CSRF = v.name, v.role.Label(), s.sessions.CSRFToken(*v.session)
	}
	return a
}

// CanView says whether the visitor may see the pages (the search box).
func (a *accountView) CanView() bool { return a.can(auth.PermView) }
