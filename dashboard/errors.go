package dashboard

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// handlerFunc is a handler that returns its error instead of writing it;
// wrap turns the error into the response.
type handlerFunc func(c *gin.Context) error

// userError is an error whose message is meant for the user, in Chinese.
type userError struct {
	status int
	msg    string
}

func (e *userError) Error() string { return e.msg }

// badRequest is a 400 with a message the user can act on.
func badRequest(msg string) error { return &userError{http.StatusBadRequest, msg} }

// notFound is a 404 with a message.
func notFound(msg string) error { return &userError{http.StatusNotFound, msg} }

// internalMessage is all a user learns of an internal failure; the details
// go to the log.
const internalMessage = "内部错误"

// errorStatus maps an error to its status and the message shown: the one
// place that decides what a failure looks like from outside.
func errorStatus(err error) (int, string) {
	var ue *userError
	var qe *QueryError
	switch {
	case errors.As(err, &ue):
		return ue.status, ue.msg
	case errors.As(err, &qe):
		return http.StatusBadRequest, querySummary(qe) // the analyst's query failed
	case errors.Is(err, ErrNotFound):
		return http.StatusNotFound, "未找到"
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, "查询超时，请缩小范围后重试"
	case errors.Is(err, context.Canceled):
		return 499, "请求已取消" // the client went away; nobody reads this
	default:
		return http.StatusInternalServerError, internalMessage
	}
}

// wrap adapts a handlerFunc to Gin: an error becomes a status and a Chinese
// message (JSON under /api/, plain text under /export/, a page elsewhere),
// and an internal one is logged with its details.
func (s *Server) wrap(h handlerFunc) gin.HandlerFunc {
	return func(c *gin.Context) {
		err := h(c)
		if err == nil {
			return
		}
		status, msg := errorStatus(err)
		if status >= 500 {
			s.log.Error("request failed", "method", c.Request.Method, "path", c.Request.URL.Path, "err", err)
		} else {
			s.log.Debug("request refused", "path", c.Request.URL.Path, "status", status, "err", err)
		}
		var qe *QueryError
		if errors.As(err, &qe) {
			s.writeQueryError(c, status, qe)
			return
		}
		s.writeError(c, status, msg)
	}
}

// writeError writes an error response in the form the route calls for.
func (s *Server) writeError(c *gin.Context, status int, msg string) {
	if c.Writer.Written() {
		return // too late: part of the body is out
	}
	path := c.Request.URL.Path
	switch {
	case strings.HasPrefix(path, "/api/"):
		c.JSON(status, gin.H{"error": msg})
	case strings.HasPrefix(path, "/export/"), strings.HasPrefix(path, "/assets/"):
		c.Data(status, "text/plain; charset=utf-8", []byte(msg+"\n"))
	default:
		s.renderErrorPage(c, status, msg)
	}
}

// recovery turns a panic into the same 内部错误 response, logging the
// value; Gin's own recovery would answer with an empty 500.
func (s *Server) recovery() gin.HandlerFunc {
	return gin.CustomRecoveryWithWriter(logWriter{s.log}, func(c *gin.Context, _ any) {
		s.writeError(c, http.StatusInternalServerError, internalMessage)
		c.Abort()
	})
}

// logWriter sends what Gin's recovery writes (the panic and its stack) to
// the log.
type logWriter struct{ log *slog.Logger }

func (w logWriter) Write(p []byte) (int, error) {
	w.log.Error("panic", "detail", strings.TrimSpace(string(p)))
	return len(p), nil
}

// requestLogger logs one line per request.
func (s *Server) requestLogger() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := nowFunc()
		c.Next()
		s.log.LogAttrs(c.Request.Context(), slog.LevelInfo, "request",
			slog.String("method", c.Request.Method),
			slog.String("path", c.Request.URL.Path),
			slog.Int("status", c.Writer.Status()),
			slog.Int("bytes", c.Writer.Size()),
			slog.Duration("took", nowFunc().Sub(start)),
		)
	}
}
