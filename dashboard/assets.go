package dashboard

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
)

// echartsVersion is the pinned ECharts (npm echarts, dist/echarts.min.js);
// assets/vendor/README.md records where it came from and its checksum.
const echartsVersion = "5.6.0"

//go:embed assets
var assetFS embed.FS

// asset is one embedded file, ready to serve: its bytes, a gzip copy made
// once, when first asked for, and an ETag.
type asset struct {
	body        []byte
	gz          func() []byte // nil when compressing failed: send body
	contentType string
	etag        string
	immutable   bool // the URL names the version: cache for a year
}

// loadAssets returns every embedded asset mapped to its URL, read once per
// process and each compressed once, when first asked for: they are
// embedded, so every server has the same, and compressing ECharts at the
// best level was most of the cost of starting a server, in the tests
// (hundreds of servers; under the race detector 6–10 s a test on the
// shared machine) as in production (140 of the 240 ms of CPU before a
// national server listened). Servers only read the map.
var loadAssets = sync.OnceValues(readAssets)

// readAssets reads every embedded asset and maps it to its URL:
// assets/app.js → /assets/app.js, the pinned ECharts to go-echarts'
// host, echartsHost + "echarts.min.js", and the console's (loadConsoleAssets).
func readAssets() (map[string]*asset, error) {
	out := map[string]*asset{}
	for _, name := range []string{"app.js", "app.css", "review.js"} {
		a, err := readAsset("assets/"+name, false)
		if err != nil {
			return nil, err
		}
		out["/assets/"+name] = a
	}
	a, err := readAsset("assets/vendor/echarts-"+echartsVersion+".min.js", true)
	if err != nil {
		return nil, err
	}
	out[echartsHost+"echarts.min.js"] = a
	if err := loadConsoleAssets(out); err != nil {
		return nil, err
	}
	return out, nil
}

func readAsset(name string, immutable bool) (*asset, error) {
	body, err := fs.ReadFile(assetFS, name)
	if err != nil {
		return nil, fmt.Errorf("dashboard: asset %s: %w", name, err)
	}
	sum := sha256.Sum256(body)
	ct := mime.TypeByExtension(path.Ext(name))
	if strings.HasPrefix(ct, "text/") || strings.Contains(ct, "javascript") {
		ct = strings.Split(ct, ";")[0] + "; charset=utf-8"
	}
	return &asset{
		body:        body,
		gz:          sync.OnceValue(func() []byte { return gzipBest(body) }),
		contentType: ct,
		etag:        `"` + hex.EncodeToString(sum[:8]) + `"`,
		immutable:   immutable,
	}, nil
}

// gzipBest compresses an asset at the best level, nil if that fails.
func gzipBest(body []byte) []byte {
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(body)
	if zw.Close() != nil {
		return nil
	}
	return gz.Bytes()
}

// registerAssets serves the embedded assets. embed.FS has no modification
// times, so caching rests on Cache-Control and the ETag.
func (s *Server) registerAssets(r gin.IRouter) {
	for url, a := range s.assets {
		r.GET(url, s.serveAsset(a))
		r.HEAD(url, s.serveAsset(a))
	}
}

func (s *Server) serveAsset(a *asset) gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.Writer.Header()
		if a.immutable {
			h.Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			h.Set("Cache-Control", "public, max-age=300")
		}
		h.Set("ETag", a.etag)
		h.Set("Vary", "Accept-Encoding")
		h.Set("X-Content-Type-Options", "nosniff")
		if c.GetHeader("If-None-Match") == a.etag {
			c.Status(http.StatusNotModified)
			return
		}
		body := a.body
		if acceptsGzip(c.GetHeader("Accept-Encoding")) {
			if gz := a.gz(); gz != nil {
				h.Set("Content-Encoding", "gzip")
				body = gz
			}
		}
		c.Data(http.StatusOK, a.contentType, body)
	}
}

// acceptsGzip reads an Accept-Encoding header (ignoring q-values other than
// an explicit gzip;q=0).
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") {
			return strings.ReplaceAll(params, " ", "") != "q=0"
		}
	}
	return false
}
