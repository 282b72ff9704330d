package dashboard

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"hash/fnv"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"xxgk/dashboard/lru"
)

// responseCacheBytes bounds the kept responses (compressed): a whole
// country's page is about 40 KB gzipped, a county's 2–10 KB.
const responseCacheBytes = 48 << 20

// keptResponse is a page or dataset as sent: its body compressed once, and
// its entity tag.
type keptResponse struct {
	contentType string
	gz          []byte // the body, gzipped
	etag        string // of the uncompressed body; "-gz" appended for gz
}

// responseCache keeps the built responses of pages and datasets by data
// version, route, query and visitor, least recently used out first. With
// the built page kept (viewCache) a warm request still cost 20–50 ms of
// CPU to render its template and compress it (a whole country's page holds
// 50 rows, filters over 2,000 counties and its charts' data); a kept
// response costs a copy, or nothing past a 304 when the browser has it.
type responseCache struct{ kept *lru.Cache[*keptResponse] } // sized by bytes

func newResponseCache() *responseCache {
	return &responseCache{lru.New[*keptResponse](responseCacheBytes)}
}

// responseKey is the key of a GET request's response, and false when the
// Source cannot say when its data changes. The visitor is part of it: the
// layout shows the account's name, its navigation and its session's CSRF
// token. The query is in its canonical order.
func (s *Server) responseKey(c *gin.Context) (string, bool) {
	v, ok := s.src.(versioned)
	if !ok || c.Request.Method != http.MethodGet {
		return "", false
	}
	a := s.accountView(c)
	who := visitorOf(c)
	return fmt.Sprintf("%d|%s|%s|%v|%s|%s|%s", v.Version(), c.Request.URL.Path, c.Request.URL.Query().Encode(),
		who.role, who.via, a.Name, a.CSRF), true
}

// keep compresses body once and keeps it under key.
func (rc *responseCache) keep(key, contentType string, body []byte) (*keptResponse, error) {
	var buf bytes.Buffer
	gz := gzipPool.Get().(*gzip.Writer)
	gz.Reset(&buf)
	_, err := gz.Write(body)
	if err == nil {
		err = gz.Close()
	}
	gz.Reset(nil)
	gzipPool.Put(gz)
	if err != nil {
		return nil, err
	}
	h := fnv.New64a()
	h.Write(body)
	r := &keptResponse{contentType: contentType, gz: bytes.Clone(buf.Bytes()), etag: strconv.FormatUint(h.Sum64(), 36)}
	rc.kept.Put(key, r, int64(len(key)+len(r.gz)))
	return r, nil
}

// send writes a kept response: 304 when the browser holds this version,
// the compressed bytes when it accepts gzip, else the body decompressed.
// Browsers may store it (private) but must ask again each time (no-cache):
// the data change with every upload.
func (s *Server) send(c *gin.Context, r *keptResponse) {
	gzipped := acceptsGzip(c.GetHeader("Accept-Encoding"))
	etag := `"` + r.etag + `"`
	if gzipped {
		etag = `"` + r.etag + `-gz"`
	}
	h := c.Writer.Header()
	h.Set("Cache-Control", "private, no-cache")
	h.Set("ETag", etag)
	if !slices.Contains(h.Values("Vary"), "Accept-Encoding") { // compress adds it for gzip clients
		h.Add("Vary", "Accept-Encoding")
	}
	if matchesETag(c.GetHeader("If-None-Match"), etag) {
		c.Status(http.StatusNotModified)
		return
	}
	if gzipped {
		h.Set("Content-Encoding", "gzip")
		c.Data(http.StatusOK, r.contentType, r.gz)
		return
	}
	zr, err := gzip.NewReader(bytes.NewReader(r.gz))
	if err == nil {
		var body []byte
		if body, err = io.ReadAll(zr); err == nil {
			c.Data(http.StatusOK, r.contentType, body)
			return
		}
	}
	// Bytes this server compressed itself: unreachable but for a bug.
	s.log.Error("kept response", "path", c.Request.URL.Path, "err", err)
	s.writeError(c, http.StatusInternalServerError, "内部错误，请稍后重试")
}

// matchesETag says whether an If-None-Match header names etag (weak
// comparison, as RFC 9110 asks for GET).
func matchesETag(header, etag string) bool {
	if header == "" {
		return false
	}
	if strings.TrimSpace(header) == "*" {
		return true
	}
	for t := range strings.SplitSeq(header, ",") {
		if strings.TrimPrefix(strings.TrimSpace(t), "W/") == etag {
			return true
		}
	}
	return false
}

// respond serves a GET from the kept responses, or builds it with build
// (the body and its type), keeps it and sends it. A failed build is the
// handler's error and nothing is kept.
func (s *Server) respond(c *gin.Context, build func() (contentType string, body []byte, err error)) error {
	key, keep := s.responseKey(c)
	if keep {
		if r, ok := s.responses.kept.Get(key); ok {
			s.send(c, r)
			return nil
		}
	}
	contentType, body, err := build()
	if err != nil {
		return err
	}
	if !keep {
		c.Header("Cache-Control", "no-store")
		c.Data(http.StatusOK, contentType, body)
		return nil
	}
	r, err := s.responses.keep(key, contentType, body)
	if err != nil {
		return err
	}
	s.send(c, r)
	return nil
}
