package dashboard

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
)

// maxSourceBytes bounds a source file served: no annual report comes near
// it, and a path that now names something huge is not read whole.
const maxSourceBytes = 64 << 20

// sourceCSP is the policy of a served HTML or text file: a sandbox (no
// script, no form, no plugin, an opaque origin) that loads nothing, so a
// hostile page can neither run nor reach the dashboard.
//
// Neither frame-ancestors nor X-Frame-Options: under a sandbox the
// document's origin is opaque, and Chromium then refuses even 'self' and
// SAMEORIGIN, which blanks the report page's frame (seen in screenshots).
// A sandboxed static document gains nothing from being framed elsewhere.
const sourceCSP = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'"

// handleSource serves a report's original bytes with their content type:
// HTML, text and PDF inline, DOCX as a download. The database records the
// file's path and the SHA-256 of its bytes, not the bytes; the file is
// served only while it still has those bytes, otherwise the answer says
// it moved or changed.
func (s *Server) handleSource(c *gin.Context) error {
	r, err := s.readReport(c, c.Param("id"))
	if err != nil {
		return err
	}
	data, err := readVerified(r.SourceFile, r.SHA256)
	if err != nil {
		s.log.Info("source file not served", "report", r.ReportID, "path", r.SourceFile, "err", err)
		return &userError{http.StatusGone, "原文件已不在导入时的位置，或内容已改变（SHA-256 不符），无法提供原文。" +
			"请把原文件放回原处，或重新导入。"}
	}
	name := filepath.Base(r.SourceFile)
	c.Header("X-Content-Type-Options", "nosniff")
	// The report page frames it (the server's default is DENY).
	c.Header("X-Frame-Options", "SAMEORIGIN")
	c.Header("Content-Security-Policy", "frame-ancestors 'self'") // a PDF viewer needs its plugin
	c.Header("Cache-Control", "private, max-age=3600")
	disposition := "inline"
	var ct string
	switch r.Format {
	case "html":
		ct = "text/html; charset=" + charsetOf(data)
		c.Header("Content-Security-Policy", sourceCSP)
		c.Writer.Header().Del("X-Frame-Options")
	case "text":
		ct = "text/plain; charset=" + charsetOf(data)
		c.Header("Content-Security-Policy", sourceCSP)
		c.Writer.Header().Del("X-Frame-Options")
	case "pdf":
		ct = "application/pdf"
	case "docx":
		ct = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
		disposition = "attachment"
	default:
		ct, disposition = "application/octet-stream", "attachment"
	}
	c.Header("Content-Disposition", mime.FormatMediaType(disposition, map[string]string{"filename": name}))
	c.Data(http.StatusOK, ct, data)
	return nil
}

// readVerified reads the file at path if it holds at most maxSourceBytes
// whose SHA-256 is sum.
func readVerified(path, sum string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() || info.Size() > maxSourceBytes {
		return nil, fmt.Errorf("%s: not a regular file of at most %d bytes", path, maxSourceBytes)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxSourceBytes+1))
	if err != nil {
		return nil, err
	}
	h := sha256.Sum256(data)
	if got := hex.EncodeToString(h[:]); got != sum {
		return nil, fmt.Errorf("%s: sha256 %s, recorded %s", path, got, sum)
	}
	return data, nil
}

// charsetOf is the charset of a text or HTML file: UTF-8 when its bytes
// are valid UTF-8 (a BOM aside), else GB18030, the other encoding the
// reports come in.
func charsetOf(data []byte) string {
	if utf8.Valid(bytes.TrimPrefix(data, []byte("\ufeff"))) {
		return "utf-8"
	}
	return "gb18030"
}
