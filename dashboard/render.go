package dashboard

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"xxgk/dashboard/auth"
)

//go:embed templates
var templateFS embed.FS

// templates holds one template set per page, each the shared layout plus
// the page's own "content".
type templates struct {
	byName map[string]*template.Template
}

// parseTemplates parses templates/layout.html with every other file of
// templates/ as a page.
func parseTemplates() (*templates, error) {
	base, err := template.New("layout.html").Funcs(templateFuncs).ParseFS(templateFS, "templates/layout.html")
	if err != nil {
		return nil, fmt.Errorf("dashboard: templates: %w", err)
	}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	t := &templates{byName: map[string]*template.Template{}}
	for _, name := range names {
		short := strings.TrimSuffix(strings.TrimPrefix(name, "templates/"), ".html")
		if short == "layout" {
			continue
		}
		page, err := template.Must(base.Clone()).ParseFS(templateFS, name)
		if err != nil {
			return nil, fmt.Errorf("dashboard: template %s: %w", name, err)
		}
		t.byName[short] = page
	}
	return t, nil
}

var templateFuncs = template.FuncMap{
	"percent": formatPercent,
	"number":  formatNumber,
	"base":    func(p string) string { return fileName(p).Text },
}

// navItem is one entry of the shared navigation; it shows to those who
// may use it (navPerm).
type navItem struct {
	Key, Label, Path string
}

// navPerm is the permission a navigation entry needs, when not PermView
// (an "upload" entry, when the upload page comes, shows to uploaders).
var navPerm = map[string]auth.Perm{"sql": auth.PermConsole, "audit": auth.PermAudit, "upload": auth.PermUpload,
	"review": auth.PermReview}

// navigation lists the pages in the order of the menu.
var navigation = []navItem{
	{"overview", "总览", "/"},
	{"counties", "县区对比", "/counties"},
	{"rankings", "排名", "/rankings"},
	{"township", "乡镇", "/township"},
	{"problems", "零活动与缺报", "/problems"},
	{"requests", "依申请公开", "/requests"},
	{"appeals", "复议诉讼", "/appeals"},
	{"quality", "数据质量", "/quality"},
	{"review", "审核队列", "/review"},
	{"definitions", "指标口径", routeDefinitions},
	{"upload", "上传报告", "/upload"},
	{"sql", "SQL 控制台", "/sql"},
	{"audit", "审计日志", routeAuditPage},
}

// pageView is what the layout renders.
type pageView struct {
	Nav      string // the active navigation key
	Title    string
	Lead     string // one sentence under the title
	Sel      Selection
	Filters  *filtersView // nil: the page has no filters
	Query    string       // the search box's text
	Sections []section
	Body     any // what the page's own template needs
	// Styles and ExtraScripts are a page's own style sheets and scripts
	// (the SQL console's editor), after the shared ones.
	Styles       []string
	ExtraScripts []string
	// Account is who is looking (set by render); nil shows everything.
	Account *accountView
	// LoadedAt is when the data was loaded, for the printed heading.
	LoadedAt time.Time
}

// PrintLine is what a printed page says under its title: the selection
// (the filters are not printed) and the data's date.
func (p *pageView) PrintLine() string {
	parts := []string{"范围：" + p.Sel.Label()}
	if p.Sel.Town != "" {
		parts = append(parts, "乡镇："+p.Sel.Town)
	}
	if p.Sel.Year != 0 {
		parts = append(parts, "年份："+strconv.Itoa(p.Sel.Year)+"年")
	}
	if p.Filters != nil && p.Filters.Metrics != nil {
		parts = append(parts, "指标："+p.Sel.Metric.Label)
	}
	if !p.LoadedAt.IsZero() {
		parts = append(parts, "数据更新于 "+p.LoadedAt.Format("2006-01-02 15:04"))
	}
	return strings.Join(parts, " · ")
}

// NavItems returns the navigation with the current selection in each link.
func (p *pageView) NavItems() []navLink {
	out := make([]navLink, 0, len(navigation))
	for _, n := range navigation {
		perm, ok := navPerm[n.Key]
		if !ok {
			perm = auth.PermView
		}
		if p.Account != nil && !p.Account.can(perm) {
			continue
		}
		out = append(out, navLink{Label: n.Label, Href: p.Sel.Link(n.Path), Active: n.Key == p.Nav})
	}
	return out
}

type navLink struct {
	Label, Href string
	Active      bool
}

// Scripts lists the scripts the page's charts need (go-echarts' assets
// under echartsHost), then its ExtraScripts, once each.
func (p *pageView) Scripts() []string {
	var out []string
	seen := map[string]bool{}
	add := func(src string) {
		if !seen[src] {
			seen[src] = true
			out = append(out, src)
		}
	}
	for _, s := range p.Sections {
		if s.Chart != nil {
			for _, src := range s.Chart.Scripts {
				add(src)
			}
		}
	}
	for _, src := range p.ExtraScripts {
		add(src)
	}
	return out
}

// render executes a page template into a buffer first, so that a failing
// template yields a clean 内部错误 instead of half a page.
func (s *Server) render(c *gin.Context, status int, name string, p *pageView) error {
	b, err := s.renderBytes(c, name, p)
	if err != nil {
		return err
	}
	c.Header("Cache-Control", "no-store")
	c.Data(status, htmlType, b)
	return nil
}

const htmlType = "text/html; charset=utf-8"

// renderBytes executes a page template for the request's visitor.
func (s *Server) renderBytes(c *gin.Context, name string, p *pageView) ([]byte, error) {
	t, ok := s.pages.byName[name]
	if !ok {
		return nil, fmt.Errorf("dashboard: no template %q", name)
	}
	p.Account = s.accountView(c)
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		return nil, fmt.Errorf("dashboard: render %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// renderErrorPage shows an error inside the layout; if even that fails, as
// plain text.
func (s *Server) renderErrorPage(c *gin.Context, status int, msg string) {
	sel, _ := parseSelection(c.Request.URL.Query())
	p := &pageView{Title: msg, Sel: sel, Body: status}
	if err := s.render(c, status, "error", p); err != nil {
		s.log.Error("render error page", "err", err)
		c.Data(status, "text/plain; charset=utf-8", []byte(msg+"\n"))
	}
}
