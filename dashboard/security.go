package dashboard

import (
	"net"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"xxgk/dashboard/audit"
	"xxgk/dashboard/auth"
)

// Security configures who may use the server and from where.
type Security struct {
	// Users are the accounts; nil means none: every request may do
	// everything, as on the loopback demo (the serve command allows that
	// only on a loopback address).
	Users *auth.Users
	// Sessions signs the session cookies; nil signs with a random key.
	Sessions *auth.Sessions
	// Guard slows failed sign-ins; nil uses auth.NewGuard.
	Guard *auth.Guard
	// Audit records sign-ins, queries, exports and uploads; nil records
	// nothing.
	Audit *audit.Log
	// Hosts are the names the Host header may carry (without port): any
	// other answers 421, which defeats DNS rebinding. Nil accepts any Host
	// (tests); the serve command always sets it.
	Hosts []string
	// LocalOnly refuses requests from other machines when there are no
	// accounts.
	LocalOnly bool
	// SecureCookies marks the session cookie Secure even when the request
	// came without TLS: a reverse proxy on this machine serves HTTPS.
	SecureCookies bool
	// Tokens let local programs act as an account without a password:
	// `Authorization: Bearer SECRET` (for example `xxgk ingest` handing a
	// batch to the server that holds the database). Like Basic auth, a
	// token is not a browser session and needs no CSRF token.
	Tokens []Token
	// TrustProxy takes the client's address from X-Real-IP (or the last
	// X-Forwarded-For) when the request comes from loopback, as it does
	// through a reverse proxy on this machine; the sign-in limiter counts
	// per client address.
	TrustProxy bool
}

// Token is a secret that acts as a named account of a role.
type Token struct {
	Name   string
	Role   auth.Role
	Secret string
}

// LoopbackHosts are the names a server on loopback is reached by.
var LoopbackHosts = []string{"localhost", "127.0.0.1", "::1"}

// contentSecurityPolicy allows only the binary's own files. No page has an
// inline script (charts are drawn by /assets/app.js from each chart's
// data-options), so scripts need neither nonces nor hashes. Styles allow
// 'unsafe-inline' because ECharts' tooltips and CodeMirror set style
// attributes; a style cannot run code.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; " +
	"frame-ancestors 'none'; base-uri 'none'"

// securityHeaders sets the headers every response carries.
func securityHeaders() gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if c.Request.TLS != nil {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		c.Next()
	}
}

// checkHost answers 421 Misdirected Request to a Host not in the list: a
// page on another site whose name was rebound to this server's address
// then cannot read it.
func (s *Server) checkHost() gin.HandlerFunc {
	allowed := map[string]bool{}
	for _, h := range s.sec.Hosts {
		allowed[normalHost(h)] = true
	}
	return func(c *gin.Context) {
		if s.sec.Hosts == nil || allowed[normalHost(hostOnly(c.Request.Host))] {
			c.Next()
			return
		}
		s.log.Warn("request for another host refused", "host", truncate(c.Request.Host, 100), "addr", c.Request.RemoteAddr)
		c.Data(http.StatusMisdirectedRequest, "text/plain; charset=utf-8", []byte("421 此服务器不接受该主机名的请求（Host 不在 --host 允许的名单中）\n"))
		c.Abort()
	}
}

// hostOnly strips the port of a Host header.
func hostOnly(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return h
	}
	return strings.TrimSuffix(strings.TrimPrefix(hostport, "["), "]")
}

func normalHost(h string) string {
	return strings.TrimSuffix(strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")), ".")
}

// clientAddr is the address a request came from, without port; through a
// trusted proxy on loopback, the address the proxy names.
func (s *Server) clientAddr(r *http.Request) string {
	host := remoteHost(r)
	if s.sec.TrustProxy && isLoopback(host) {
		if v := strings.TrimSpace(r.Header.Get("X-Real-IP")); v != "" {
			return truncate(v, 64)
		}
		if v := r.Header.Get("X-Forwarded-For"); v != "" {
			parts := strings.Split(v, ",")
			return truncate(strings.TrimSpace(parts[len(parts)-1]), 64)
		}
	}
	return host
}

func isLoopback(host string) bool {
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
