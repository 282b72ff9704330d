package dashboard

import (
	"compress/gzip"
	"net/http"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
)

// gzipTypes are the responses worth compressing: pages, JSON and CSV
// (often ten times smaller). XLSX is a zip already; the assets are served
// compressed by serveAsset.
var gzipTypes = []string{"text/html", "application/json", "text/csv", "text/plain"}

// BestSpeed: a page compresses about tenfold at a fraction of the cost of
// the default level.
var gzipPool = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return w
}}

// compress gzips the response when the client accepts it and the type is
// one of gzipTypes. It decides at the first byte of the body, when the
// handler has set the type (Gin sets the status before the type); a
// handler streaming its body is streamed compressed.
func compress() gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.Request.Method == http.MethodHead || !acceptsGzip(c.GetHeader("Accept-Encoding")) {
			c.Next()
			return
		}
		c.Writer.Header().Add("Vary", "Accept-Encoding")
		w := &gzipWriter{ResponseWriter: c.Writer}
		c.Writer = w
		defer w.finish()
		c.Next()
	}
}

// gzipWriter compresses what the handler writes once the header says the
// type is compressible.
type gzipWriter struct {
	gin.ResponseWriter
	gz      *gzip.Writer
	decided bool
}

func (w *gzipWriter) decide() {
	if w.decided {
		return
	}
	w.decided = true
	h := w.ResponseWriter.Header()
	if h.Get("Content-Encoding") != "" || !compressible(h.Get("Content-Type")) {
		return
	}
	h.Set("Content-Encoding", "gzip")
	h.Del("Content-Length")
	w.gz = gzipPool.Get().(*gzip.Writer)
	w.gz.Reset(w.ResponseWriter)
}

func compressible(contentType string) bool {
	for _, t := range gzipTypes {
		if strings.HasPrefix(contentType, t) {
			return true
		}
	}
	return false
}

func (w *gzipWriter) Write(b []byte) (int, error) {
	w.decide()
	if w.gz == nil {
		return w.ResponseWriter.Write(b)
	}
	w.ResponseWriter.WriteHeaderNow()
	return w.gz.Write(b)
}

func (w *gzipWriter) WriteString(s string) (int, error) { return w.Write([]byte(s)) }

// Flush sends what is compressed so far: streaming downloads flush.
func (w *gzipWriter) Flush() {
	if w.gz != nil {
		w.gz.Flush()
	}
	w.ResponseWriter.Flush()
}

// Unwrap lets http.ResponseController reach the connection (write
// deadlines of streaming exports).
func (w *gzipWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *gzipWriter) finish() {
	if w.gz == nil {
		return
	}
	w.gz.Close()
	w.gz.Reset(nil)
	gzipPool.Put(w.gz)
	w.gz = nil
}
