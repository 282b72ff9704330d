package dashboard

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"xxgk/dashboard/auth"
)

// nowFunc is the clock of the request log.
var nowFunc = time.Now

// Options configure a Server.
type Options struct {
	// Log receives one line per request and the details of every internal
	// error; nil discards them.
	Log *slog.Logger
	// QueryTimeout bounds the reads of one request; 0 means 10 s. The SQL
	// console's queries have their own bound (SQL.Timeout).
	QueryTimeout time.Duration
	// SQL is the analysts' SQL console.
	SQL ConsoleOptions
	// Upload is the upload of reports; off when Upload.Store is nil.
	Upload UploadOptions
	// Security says who may use the server and from where (security.go).
	Security Security
	// Review records review decisions (POST /api/review/{flag_id}); nil
	// answers that the server cannot record them.
	Review Reviewer
}

// Server is the dashboard: an http.Handler over a Source.
type Server struct {
	src     Source
	log     *slog.Logger
	timeout time.Duration
	assets  map[string]*asset
	pages   *templates
	console *console
	engine  *gin.Engine

	sec      Security
	review   Reviewer
	sessions *auth.Sessions
	guard    *auth.Guard
	views    *viewCache // loaded pages, by data version and selection
	// responses are the pages and datasets as sent (respcache.go).
	responses *responseCache
}

// New builds the dashboard over src. It fails only if an embedded template
// or asset is broken, which the tests catch.
func New(src Source, opt Options) (*Server, error) {
	s := &Server{src: src, log: opt.Log, timeout: opt.QueryTimeout, sec: opt.Security, review: opt.Review,
		sessions: opt.Security.Sessions, guard: opt.Security.Guard, views: newViewCache(),
		responses: newResponseCache()}
	if s.sessions == nil {
		s.sessions = auth.NewSessions(nil, 0)
	}
	if s.guard == nil {
		s.guard = auth.NewGuard()
	}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if s.timeout <= 0 {
		s.timeout = 10 * time.Second
	}
	var err error
	if s.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	if s.pages, err = parseTemplates(); err != nil {
		return nil, err
	}
	if s.console, err = newConsole(opt.SQL); err != nil {
		return nil, err
	}
	s.engine = s.newEngine()
	if err := s.registerUpload(s.engine, opt.Upload); err != nil {
		return nil, err
	}
	return s, nil
}

// ServeHTTP serves the dashboard.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.engine.ServeHTTP(w, r) }

func (s *Server) newEngine() *gin.Engine {
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.RedirectTrailingSlash = true
	e.HandleMethodNotAllowed = false
	// The audit wraps compress, so that it counts the bytes sent once the
	// gzip stream is closed.
	e.Use(s.requestLogger(), s.recovery(), s.checkHost(), securityHeaders(),
		s.access(), s.auditRequests(), compress(), s.timeoutContext())
	s.registerAccess(e)
	s.registerAssets(e)
	s.registerPages(e)
	s.registerEvidence(e)
	s.registerConsole(e)
	s.registerAPI(e)
	s.registerExports(e)
	s.registerReview(e)
	e.NoRoute(func(c *gin.Context) { s.writeError(c, http.StatusNotFound, "页面不存在") })
	return e
}

// timeoutContext bounds the reads of one request. An analyst's query is
// bounded by the console's own timeout instead (ConsoleOptions.Timeout),
// which may be longer.
func (s *Server) timeoutContext() gin.HandlerFunc {
	return func(c *gin.Context) {
		if isConsoleQuery(c) {
			c.Next()
			return
		}
		ctx, cancel := context.WithTimeout(c.Request.Context(), s.timeout)
		defer cancel()
		c.Request = c.Request.WithContext(ctx)
		c.Next()
	}
}
