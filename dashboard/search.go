package dashboard

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"xxgk/analytics"
)

// searchLimit bounds the townships one search lists.
const searchLimit = 50

// searchBody is what templates/search.html lists.
type searchBody struct {
	Query   string
	Results []townLink
	Index   bool // the township index rather than a search
	// More says a search found more townships than searchLimit.
	More bool
	// Note says how much of the index is listed when it is cut.
	Note string
	// Prev and Next page through a long index.
	Prev, Next string
	// Kinds filters the index by kind of body (kinds.go).
	Kinds []option
}

// indexMax is the most townships one page of the index lists.
const indexMax = 300

// pageQuery is q with page p.
func pageQuery(q url.Values, p int) url.Values {
	v := cloneValues(q)
	v.Set("p", strconv.Itoa(p))
	return v
}

type townLink struct {
	Town analytics.Township
	Href string
}

// handleSearch finds townships by any part of their name: one match opens
// its page, several are listed.
func (s *Server) handleSearch(c *gin.Context) error {
	q := strings.TrimSpace(c.Query("q"))
	if utf8.RuneCountInString(q) > 50 {
		return badRequest("搜索词过长")
	}
	sel, err := parseSelection(c.Request.URL.Query())
	if err != nil {
		return err
	}
	cat, err := s.src.Catalog(c.Request.Context())
	if err != nil {
		return err
	}
	if sel, err = sel.resolve(cat); err != nil {
		return err
	}
	var found []analytics.TownshipInfo
	if q != "" {
		// One more than is shown tells whether there are more.
		if found, err = s.src.Search(c.Request.Context(), q, searchLimit+1); err != nil {
			return err
		}
	}
	more := len(found) > searchLimit
	found = found[:min(len(found), searchLimit)]
	towns := make([]analytics.Township, len(found))
	for i, t := range found {
		towns[i] = t.Township
	}
	if len(towns) == 1 {
		c.Redirect(http.StatusSeeOther, sel.TownLink(towns[0]))
		return nil
	}
	view := &pageView{
		Nav: "township", Title: "搜索乡镇", Sel: sel, Query: q,
		Filters: newFilters("/township", cat, sel, false),
		Body:    searchBody{Query: q, Results: townLinks(towns, sel), More: more},
	}
	return s.render(c, http.StatusOK, "search", view)
}

// handleTownshipIndex lists the townships of the selected places: those
// with a report in the selected year and those whose report is missing.
// Either list may be cut (a whole country holds more townships than a list
// holds rows); the page then says how many there are.
func (s *Server) handleTownshipIndex(c *gin.Context) error {
	ctx := c.Request.Context()
	sel, err := parseSelection(c.Request.URL.Query())
	if err != nil {
		return err
	}
	cat, err := s.src.Catalog(ctx)
	if err != nil {
		return err
	}
	if sel, err = sel.resolve(cat); err != nil {
		return err
	}
	reports, err := s.src.Reports(ctx, sel.Scope(), sel.Year)
	if err != nil {
		return err
	}
	missing, err := s.src.Missing(ctx, sel.Scope(), sel.Year)
	if err != nil {
		return err
	}
	var towns []analytics.Township
	for _, r := range reports.Rows {
		towns = append(towns, r.Township)
	}
	for _, m := range missing.Rows {
		towns = append(towns, m.Township)
	}
	total := reports.Total + missing.Total
	kind, kinds, err := s.kindFilter(c, sel)
	if err != nil {
		return err
	}
	if kind != "" {
		towns = slices.DeleteFunc(towns, func(t analytics.Township) bool { return kinds[[2]string{t.Name, t.County}] != kind })
		total = len(towns)
	}
	slices.SortStableFunc(towns, func(a, b analytics.Township) int {
		return cmp.Or(cmp.Compare(a.County, b.County), cmp.Compare(a.Name, b.Name))
	})
	all := len(towns)
	body := searchBody{Index: true, Kinds: kindLinks(c.Request.URL.Query(), kind)}
	// A page lists at most indexMax townships: a whole province's would
	// weigh half a megabyte. The rest are a page away.
	page, _ := strconv.Atoi(c.Query("p"))
	pages := max(1, (all+indexMax-1)/indexMax)
	page = min(max(page, 1), pages)
	from, to := (page-1)*indexMax, min(page*indexMax, all)
	body.Results = townLinks(towns[from:to], sel)
	if page > 1 {
		body.Prev = withQuery("/township", pageQuery(c.Request.URL.Query(), page-1))
	}
	if page < pages {
		body.Next = withQuery("/township", pageQuery(c.Request.URL.Query(), page+1))
	}
	if all > indexMax || reports.Cut() || missing.Cut() {
		body.Note = "第 " + formatNumber(float64(from+1)) + "–" + formatNumber(float64(to)) + " 个，共 " +
			formatNumber(float64(total)) + " 个乡镇；请选择省、市或县区缩小范围，或在页面顶部按名称搜索。"
	}
	view := &pageView{
		Nav: "township", Title: "乡镇", Sel: sel,
		Lead:    "选择一个乡镇，查看它的历年报告、图表和检查结果；也可以在页面顶部按名称搜索。",
		Filters: newFilters("/township", cat, sel, false),
		Body:    body,
	}
	return s.render(c, http.StatusOK, "search", view)
}

// latestOrg is the name a township's latest report (or regions.csv) gives it.
func latestOrg(t analytics.TownshipInfo) string {
	if n := len(t.Orgs); n > 0 {
		return t.Orgs[n-1]
	}
	return ""
}

func townLinks(towns []analytics.Township, sel Selection) []townLink {
	out := make([]townLink, len(towns))
	for i, t := range towns {
		out[i] = townLink{Town: t, Href: sel.TownLink(t)}
	}
	return out
}
