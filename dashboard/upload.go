package dashboard

import (
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/gin-gonic/gin"

	"xxgk/ingest/store"
)

// Ingester loads uploaded reports: *store.Store, the server's one writer.
type Ingester interface {
	IngestSources(ctx context.Context, srcs []store.Source, opt store.Options) (store.Summary, error)
}

// UploadOptions configure the upload of reports (the 上传报告 page and
// POST /api/ingest).
type UploadOptions struct {
	// Store loads the reports; nil leaves upload off (404).
	Store Ingester
	// MaxFileBytes bounds one file, a file inside a .zip included;
	// 0 means DefaultUploadFileBytes.
	MaxFileBytes int64
	// MaxRequestBytes bounds one request's body, and the bytes unpacked
	// from its .zip files; 0 means DefaultUploadRequestBytes.
	MaxRequestBytes int64
	// MaxFiles bounds the files of one request; 0 means DefaultUploadFiles.
	MaxFiles int
	// Timeout bounds one upload, receiving and loading; 0 means
	// DefaultUploadTimeout.
	Timeout time.Duration
	// TempDir holds a request's files while they are loaded ("" for the
	// system's); they are removed when it ends.
	TempDir string
	// TrustNames keeps the file names a request gives as they are, and
	// takes who sends it from its "by" field: for xxgk ingest handing its
	// files to the server, whose names must be those it would record
	// itself. A browser's names are made relative and clean.
	TrustNames bool
}

// Upload defaults.
const (
	DefaultUploadFileBytes    = 50 << 20
	DefaultUploadRequestBytes = 512 << 20
	DefaultUploadFiles        = 5000
	DefaultUploadTimeout      = 10 * time.Minute
)

// Routes of upload.
const (
	routeUploadPage = "/upload"
	routeUploadAPI  = "/api/ingest"
	routeUploadJS   = "/assets/upload.js"
	routeUploadCSS  = "/assets/upload.css"
)

func (o UploadOptions) withDefaults() UploadOptions {
	if o.MaxFileBytes <= 0 {
		o.MaxFileBytes = DefaultUploadFileBytes
	}
	if o.MaxRequestBytes <= 0 {
		o.MaxRequestBytes = DefaultUploadRequestBytes
	}
	if o.MaxFiles <= 0 {
		o.MaxFiles = DefaultUploadFiles
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultUploadTimeout
	}
	return o
}

// registerUpload adds the upload page and API; without a Store the page
// says upload is off.
func (s *Server) registerUpload(r gin.IRouter, opt UploadOptions) error {
	opt = opt.withDefaults()
	if opt.Store == nil {
		r.GET(routeUploadPage, s.wrap(func(c *gin.Context) error { return s.handleUploadPage(c, opt) }))
		return nil
	}
	js, err := readAsset("assets/upload.js", false)
	if err != nil {
		return err
	}
	css, err := readAsset("assets/upload.css", false)
	if err != nil {
		return err
	}
	r.GET(routeUploadJS, s.serveAsset(js))
	r.GET(routeUploadCSS, s.serveAsset(css))
	// Who may upload, from which site, with which CSRF token: the access
	// middleware (routePrefixes: /upload and /api/ingest need PermUpload).
	r.GET(routeUploadPage, s.wrap(func(c *gin.Context) error { return s.handleUploadPage(c, opt) }))
	r.POST(routeUploadAPI, s.wrap(func(c *gin.Context) error { return s.handleUpload(c, opt) }))
	return nil
}

func (s *Server) handleUploadPage(c *gin.Context, opt UploadOptions) error {
	sel, _ := parseSelection(c.Request.URL.Query())
	p := &pageView{
		Nav:   "upload",
		Title: "上传报告",
		Lead:  "选择文件或整个文件夹（也可拖放，或上传文件夹的 .zip 压缩包），可附 regions.csv。一次上传的文件要么全部载入，要么全部不载入；载入后各页面立即显示新数据。",
		Sel:   sel,
		Body: uploadPageView{
			Enabled:      opt.Store != nil,
			MaxFileMB:    opt.MaxFileBytes >> 20,
			MaxRequestMB: opt.MaxRequestBytes >> 20,
			MaxFiles:     opt.MaxFiles,
		},
	}
	if opt.Store != nil {
		p.ExtraScripts, p.Styles = []string{routeUploadJS}, []string{routeUploadCSS}
	}
	return s.render(c, http.StatusOK, "upload", p)
}

type uploadPageView struct {
	Enabled                 bool
	MaxFileMB, MaxRequestMB int64
	MaxFiles                int
}

// handleUpload receives the files of a request into a temporary folder,
// loads them in one run and answers what became of each file.
func (s *Server) handleUpload(c *gin.Context, opt UploadOptions) error {
	// The request's own deadline is the pages' (seconds); an upload has its
	// own bound, and its run rolls back whole if it is not met.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(c.Request.Context()), opt.Timeout)
	defer cancel()
	rc := http.NewResponseController(c.Writer)
	rc.SetReadDeadline(time.Now().Add(opt.Timeout))
	rc.SetWriteDeadline(time.Now().Add(opt.Timeout))
	dir, err := os.MkdirTemp(opt.TempDir, "xxgk-upload-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, opt.MaxRequestBytes)
	batch, err := ReceiveUpload(c.Request, dir, opt)
	if err != nil {
		var ue *userError
		if errors.As(err, &ue) {
			return err
		}
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return &userError{http.StatusRequestEntityTooLarge, "上传内容超过每次 " + mb(opt.MaxRequestBytes) + " 的上限，请分批上传"}
		}
		return badRequest("无法读取上传的内容：" + err.Error())
	}
	if len(batch.Sources) == 0 && len(batch.Early) == 0 && batch.Regions == nil {
		return badRequest("没有收到文件：请选择报告文件、文件夹或 .zip 压缩包")
	}
	var results []store.FileResult
	sum, err := opt.Store.IngestSources(ctx, batch.Sources, store.Options{
		Regions: batch.Regions,
		Replace: batch.Replace,
		By:      uploader(c),
		OnFile:  func(r store.FileResult) { results = append(results, r) },
	})
	if err != nil && !sum.Committed {
		s.log.Error("upload", "err", err)
		c.JSON(http.StatusInternalServerError, uploadResponse{Stored: false,
			Error: "载入失败，本次上传的文件均未载入，数据库保持不变；请稍后重试"})
		return nil
	}
	if err != nil {
		s.log.Warn("upload committed, then", "err", err)
	}
	c.JSON(http.StatusOK, newUploadResponse(sum, append(batch.Early, results...)))
	return nil
}

// uploader names who uploaded, for the run and the versions it replaces:
// the account, or without accounts the address it came from.
func uploader(c *gin.Context) string {
	if v := visitorOf(c); v.name != "" {
		return v.name
	}
	host, _, _ := net.SplitHostPort(c.Request.RemoteAddr)
	return "upload@" + host
}
