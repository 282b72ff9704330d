package dashboard

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"xxgk/analytics"
)

// registerAPI routes the JSON API (documented in the README): the filters'
// catalog, search, and every dataset of every page.
func (s *Server) registerAPI(r gin.IRouter) {
	api := r.Group("/api")
	api.GET("/catalog", s.wrap(s.handleCatalog))
	api.GET("/search", s.wrap(s.handleAPISearch))
	api.GET("/:dataset", s.wrap(s.handleDataset))
}

// catalogJSON is /api/catalog.
type catalogJSON struct {
	Places  []placeJSON  `json:"places"`
	Years   []int        `json:"years"`
	Latest  int          `json:"latest"`
	Metrics []metricJSON `json:"metrics"`
	// Figures are the catalog's other figures (cards, roll-ups), not ranked.
	Figures []analytics.MetricInfo `json:"figures"`
	// MinRateDenominator: a rate on a smaller denominator is neither shown
	// as a percentage nor ranked.
	MinRateDenominator int `json:"min_rate_denominator"`
}

type placeJSON struct {
	Province string `json:"province"`
	City     string `json:"city"`
	County   string `json:"county"`
}

// metricJSON is a catalog entry (analytics.MetricInfo) with the
// dashboard's key and whether it is shown as a percentage.
type metricJSON struct {
	Key     string `json:"key"`
	Percent bool   `json:"percent"`
	analytics.MetricInfo
}

func (s *Server) handleCatalog(c *gin.Context) error {
	cat, err := s.src.Catalog(c.Request.Context())
	if err != nil {
		return err
	}
	out := catalogJSON{Places: []placeJSON{}, Years: cat.Years, Latest: cat.Latest(), MinRateDenominator: cat.MinRateDenominator,
		Figures: analytics.Figures}
	for _, p := range cat.Counties {
		out.Places = append(out.Places, placeJSON{p.Province, p.City, p.Name})
	}
	if out.Years == nil {
		out.Years = []int{}
	}
	for _, m := range Metrics {
		out.Metrics = append(out.Metrics, metricJSON{m.Key, m.Percent, m.MetricInfo})
	}
	c.JSON(http.StatusOK, out)
	return nil
}

// searchJSON is one result of /api/search.
type searchJSON struct {
	Township string `json:"township"`
	Org      string `json:"org"`
	County   string `json:"county"`
	City     string `json:"city"`
	Province string `json:"province"`
	URL      string `json:"url"`
}

func (s *Server) handleAPISearch(c *gin.Context) error {
	q := strings.TrimSpace(c.Query("q"))
	if q == "" {
		return badRequest("缺少搜索词 q")
	}
	if utf8.RuneCountInString(q) > 50 {
		return badRequest("搜索词过长")
	}
	// One more than is listed tells whether there are more.
	towns, err := s.src.Search(c.Request.Context(), q, searchLimit+1)
	if err != nil {
		return err
	}
	more := len(towns) > searchLimit
	towns = towns[:min(len(towns), searchLimit)]
	out := make([]searchJSON, len(towns))
	for i, t := range towns {
		out[i] = searchJSON{t.Name, latestOrg(t), t.County, t.City, t.Province, Selection{}.TownLink(t.Township)}
	}
	c.JSON(http.StatusOK, gin.H{"query": q, "results": out, "truncated": more})
	return nil
}

// handleDataset serves one dataset as JSON.
func (s *Server) handleDataset(c *gin.Context) error {
	return s.respond(c, func() (string, []byte, error) {
		t, sel, err := s.dataset(c.Request.Context(), c.Param("dataset"), c.Request.URL.Query())
		if err != nil {
			return "", nil, err
		}
		b, err := jsonTable{t, sel}.marshal()
		return jsonContentType, b, err
	})
}

const jsonContentType = "application/json; charset=utf-8"

// dataset computes one dataset for a query: it runs the page that shows it
// and takes the section, so downloads are exactly what the page shows.
func (s *Server) dataset(ctx context.Context, name string, q url.Values) (Table, Selection, error) {
	p, ok := pageOfDataset(name)
	if !ok {
		return Table{}, Selection{}, notFound("没有这个数据集：" + truncate(name, 40))
	}
	if p.nav == townshipPage.nav && strings.TrimSpace(q.Get(paramTown)) == "" {
		return Table{}, Selection{}, badRequest("缺少参数 town（乡镇名称）")
	}
	view, err := s.loadPage(ctx, p, q)
	if err != nil {
		return Table{}, Selection{}, err
	}
	for _, sec := range view.Sections {
		if sec.ID() == name {
			return sec.Table, view.Sel, nil
		}
	}
	return Table{}, Selection{}, notFound("没有这个数据集：" + truncate(name, 40))
}
