package dashboard

import (
	"context"
	"slices"

	"github.com/gin-gonic/gin"
)

// pageSpec is one page: where it lives, what it shows and which datasets
// (sections) it offers for download. The datasets are listed here, not
// discovered, so that /api/NAME and /export/NAME know their page without
// running it; a test checks each page produces exactly these.
type pageSpec struct {
	nav      string // navigation key
	path     string
	template string // templates/NAME.html
	title    string
	lead     string
	metric   bool // the page's filters include the metric
	datasets []string
	load     func(s *Server, ctx context.Context, sel Selection, cat Catalog) (*pageView, error)
}

// pages lists every page with filters and datasets. The township index
// (/township without a town), search and the SQL console are routed apart.
var pages = []pageSpec{
	{
		nav: "overview", path: "/", template: "overview", title: "总览",
		lead:     "所选地区和年份的主要指标、同比变化、排名和历年趋势。",
		metric:   true,
		datasets: []string{"headline", "scorecard", "rankings", "trend"},
		load:     (*Server).loadOverview,
	},
	{
		nav: "counties", path: "/counties", template: "sections", title: "县区对比",
		lead:     "各县区并列比较：报送、缺报、零活动、质量问题，主要指标的合计与中位数，县区名次及其变化和历年趋势。点击县区名称进入该县区。",
		datasets: []string{"counties", "county-scorecard"},
		load:     (*Server).loadCounties,
	},
	{
		nav: "rankings", path: "/rankings", template: "sections", title: "排名",
		lead:     "按所选指标对乡镇排名（数值越大排名越前），并与上一年比较名次变化。选择县区时按县区内名次排列。",
		metric:   true,
		datasets: []string{"rankings", "rankings-small-sample"},
		load:     (*Server).loadRankings,
	},
	{
		nav: "problems", path: "/problems", template: "problems", title: "零活动与缺报",
		lead:     "督查重点：本年没有任何公开活动的乡镇（连续年数越长越严重），以及应报未报的年度报告。",
		datasets: []string{"zero-activity", "missing", "problems-by-year", "unplaced"},
		load:     (*Server).loadProblems,
	},
	{
		nav: "requests", path: "/requests", template: "sections", title: "依申请公开",
		lead:     "各乡镇本年办理政府信息公开申请的结果和申请人构成。",
		datasets: []string{"requests", "applicants"},
		load:     (*Server).loadRequests,
	},
	{
		nav: "appeals", path: "/appeals", template: "sections", title: "复议诉讼",
		lead:     "因政府信息公开引起的行政复议和行政诉讼，按结果分列；纠错率 = 结果纠正 ÷ 已审结。",
		datasets: []string{"appeals", "appeals-by-year"},
		load:     (*Server).loadAppeals,
	},
	{
		nav: "quality", path: "/quality", template: "sections", title: "数据质量",
		lead:     "不符合模板算术关系或内容不完整的报告，以及出错的单元格。",
		datasets: []string{"quality", "quality-by-year"},
		load:     (*Server).loadQuality,
	},
	reviewPage,
}

// townshipPage is the page of one township (/township?county=…&town=…).
var townshipPage = pageSpec{
	nav: "township", path: "/township", template: "township", title: "乡镇",
	datasets: []string{"township-years", "township-outcomes", "township-applicants", "township-appeals", "township-checks"},
	load:     (*Server).loadTownship,
}

// registerPages routes every page.
func (s *Server) registerPages(r gin.IRouter) {
	for _, p := range pages {
		r.GET(p.path, s.wrap(s.pageHandler(p)))
	}
	r.GET(townshipPage.path, s.wrap(s.handleTownship))
	r.GET("/search", s.wrap(s.handleSearch))
	r.GET(routeDefinitions, s.wrap(s.handleDefinitions))
	// Browsers ask for an icon; there is none, and a 404 would be logged
	// as an error in every browser console.
	r.GET("/favicon.ico", func(c *gin.Context) { c.Status(204) })
}

// pageHandler serves a page: the selection from the URL, completed from the
// catalog, then the page's sections; the response is kept (respond).
func (s *Server) pageHandler(p pageSpec) handlerFunc {
	return func(c *gin.Context) error {
		return s.respond(c, func() (string, []byte, error) {
			view, err := s.loadPage(c.Request.Context(), p, c.Request.URL.Query())
			if err != nil {
				return "", nil, err
			}
			view.pageTables(p.path, c.Request.URL.Query())
			b, err := s.renderBytes(c, p.template, view)
			return htmlType, b, err
		})
	}
}

// loadPage runs a page's loader and fills in what every page has.
func (s *Server) loadPage(ctx context.Context, p pageSpec, q map[string][]string) (*pageView, error) {
	sel, err := parseSelection(q)
	if err != nil {
		return nil, err
	}
	cat, err := s.src.Catalog(ctx)
	if err != nil {
		return nil, err
	}
	if sel, err = sel.resolve(cat); err != nil {
		return nil, err
	}
	key, keep := viewKey(s.src, p.path, sel)
	if keep {
		if view, ok := s.views.get(key); ok {
			return view, nil
		}
	}
	view, err := p.load(s, ctx, sel, cat)
	if err != nil {
		return nil, err
	}
	view.Nav, view.Sel, view.LoadedAt = p.nav, sel, cat.LoadedAt
	if view.Title == "" {
		view.Title = p.title
	}
	if view.Lead == "" {
		view.Lead = p.lead
	}
	if view.Filters == nil {
		view.Filters = newFilters(p.path, cat, sel, p.metric)
	}
	if keep {
		view = s.views.put(key, view)
	}
	return view, nil
}

// pageOfDataset finds the page that offers a dataset.
func pageOfDataset(name string) (pageSpec, bool) {
	for _, p := range append(slices.Clip(pages), townshipPage) {
		if slices.Contains(p.datasets, name) {
			return p, true
		}
	}
	return pageSpec{}, false
}
