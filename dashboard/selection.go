package dashboard

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"xxgk/analytics"
)

// Selection is what the shared filters select. It lives in the URL query
// (province, city, county, year, metric; town on a township's page), so a
// link reproduces the view.
type Selection struct {
	Province string
	City     string
	County   string
	Year     int // 0 until resolved: the latest year
	Metric   Metric
	Town     string // a township's name, on its page
	// Kind and Status filter the review queue (/review): a flag kind and a
	// status, "" for all.
	Kind, Status string
}

// Scope returns the places the selection narrows to.
func (s Selection) Scope() Scope {
	return Scope{Province: s.Province, City: s.City, County: s.County}
}

// The query parameters of a Selection.
const (
	paramProvince = "province"
	paramCity     = "city"
	paramCounty   = "county"
	paramYear     = "year"
	paramMetric   = "metric"
	paramTown     = "town"
	paramKind     = "kind"
	paramStatus   = "status"
)

// maxParam bounds every query parameter: no place name is this long.
const maxParam = 100

// parseSelection reads a Selection from a URL query; a malformed year or an
// unknown metric is the user's error. resolve then checks the places and
// the year against the catalog.
func parseSelection(q url.Values) (Selection, error) {
	var s Selection
	for _, p := range []struct {
		name string
		dst  *string
	}{{paramProvince, &s.Province}, {paramCity, &s.City}, {paramCounty, &s.County}, {paramTown, &s.Town}} {
		v := strings.TrimSpace(q.Get(p.name))
		if len(v) > maxParam {
			return s, badRequest("参数过长：" + p.name)
		}
		*p.dst = v
	}
	if y := strings.TrimSpace(q.Get(paramYear)); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 1900 || n > 2999 {
			return s, badRequest("年份无效：" + truncate(y, 20))
		}
		s.Year = n
	}
	if err := s.parseReview(q); err != nil {
		return s, err
	}
	s.Metric = Metrics[0]
	if k := strings.TrimSpace(q.Get(paramMetric)); k != "" {
		m, ok := metricByKey(k)
		if !ok {
			return s, badRequest("未知指标：" + truncate(k, 40))
		}
		s.Metric = m
	}
	return s, nil
}

// resolve checks the selection against the catalog and completes it: the
// year (latest when none was asked for) and the places above the chosen
// county or city, so that links, headings and the selects show what the
// page shows. A year or a place the database does not hold is the user's
// error (400), said in Chinese with what there is, rather than a page that
// silently shows something else.
func (s Selection) resolve(cat Catalog) (Selection, error) {
	if s.Year == 0 {
		s.Year = cat.Latest()
	} else if len(cat.Years) > 0 && !slices.Contains(cat.Years, s.Year) {
		return s, badRequest(fmt.Sprintf("没有 %d 年的报告：现有 %d—%d 年，请在“年份”中选择。",
			s.Year, cat.Years[0], cat.Latest()))
	}
	known := func(field func(analytics.County) string, v string) bool {
		return v == "" || slices.ContainsFunc(cat.Counties, func(c analytics.County) bool { return field(c) == v })
	}
	switch {
	case !known(func(c analytics.County) string { return c.Province }, s.Province):
		return s, badRequest("没有名为“" + s.Province + "”的省份，请在“省”中选择。")
	case !known(func(c analytics.County) string { return c.City }, s.City):
		return s, badRequest("没有名为“" + s.City + "”的市，请在“市”中选择。")
	case !known(func(c analytics.County) string { return c.Name }, s.County):
		return s, badRequest("没有名为“" + s.County + "”的县区，请在“县区”中选择；未归属任何县区的单位见“零活动与缺报”页的未归属单位。")
	}
	for _, p := range cat.Counties {
		switch {
		case s.County != "" && p.Name == s.County:
			s.City, s.Province = p.City, p.Province
			return s, nil
		case s.County == "" && s.City != "" && p.City == s.City:
			s.Province = p.Province
			return s, nil
		}
	}
	return s, nil
}

// Values encodes the selection as a URL query, leaving defaults out.
func (s Selection) Values() url.Values {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set(paramProvince, s.Province)
	set(paramCity, s.City)
	set(paramCounty, s.County)
	if s.Year != 0 {
		v.Set(paramYear, strconv.Itoa(s.Year))
	}
	if s.Metric.Key != "" && s.Metric.Key != Metrics[0].Key {
		v.Set(paramMetric, s.Metric.Key)
	}
	set(paramTown, s.Town)
	set(paramKind, s.Kind)
	set(paramStatus, s.Status)
	return v
}

// Encode is Values().Encode() (keys in sorted order) without the map: a
// whole country's lists link each of their 10,000 townships.
func (s Selection) Encode() string {
	var b strings.Builder
	add := func(k, val string) {
		if val == "" {
			return
		}
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(val))
	}
	year, metric := "", ""
	if s.Year != 0 {
		year = strconv.Itoa(s.Year)
	}
	if s.Metric.Key != Metrics[0].Key {
		metric = s.Metric.Key
	}
	// The parameters' names in sorted order, as url.Values.Encode writes them.
	add(paramCity, s.City)
	add(paramCounty, s.County)
	add(paramKind, s.Kind)
	add(paramMetric, metric)
	add(paramProvince, s.Province)
	add(paramStatus, s.Status)
	add(paramTown, s.Town)
	add(paramYear, year)
	return b.String()
}

// Link returns path with the selection's query, for navigation: the town
// and the review filters are dropped, since they only mean something on
// their own page.
func (s Selection) Link(path string) string {
	s.Town, s.Kind, s.Status = "", "", ""
	return pathQuery(path, s.Encode())
}

// Export returns the download URL of a dataset in a format (csv, xlsx) or,
// with format "json", its API URL; the town is kept.
func (s Selection) Export(dataset, format string) string {
	if format == "json" {
		return withQuery("/api/"+dataset, s.Values())
	}
	return withQuery("/export/"+dataset+"."+format, s.Values())
}

// TownLink returns the page of a township.
func (s Selection) TownLink(t analytics.Township) string {
	s.Town, s.County, s.City, s.Province = t.Name, t.County, t.City, t.Province
	return pathQuery("/township", s.Encode())
}

// Label describes the selection's places in words, e.g. "盛亭省 宁田市 武峰区".
func (s Selection) Label() string {
	parts := slices.DeleteFunc([]string{s.Province, s.City, s.County}, func(x string) bool { return x == "" })
	if len(parts) == 0 {
		return "全部地区"
	}
	return strings.Join(parts, " ")
}

// pathQuery joins a path and an encoded query ("" for none).
func pathQuery(path, query string) string {
	if query == "" {
		return path
	}
	return path + "?" + query
}

func withQuery(path string, v url.Values) string {
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// parseReview reads the review queue's filters: a kind and a status the
// catalog knows, or nothing.
func (s *Selection) parseReview(q url.Values) error {
	s.Kind = strings.TrimSpace(q.Get(paramKind))
	if s.Kind != "" && !slices.ContainsFunc(analytics.FlagKindCatalog, func(k analytics.FlagKindInfo) bool { return k.Kind == s.Kind }) {
		return badRequest("未知问题类型：" + truncate(s.Kind, 40) + "，请在“问题类型”中选择。")
	}
	s.Status = strings.TrimSpace(q.Get(paramStatus))
	if _, ok := analytics.FlagStatusLabels[s.Status]; s.Status != "" && !ok {
		return badRequest("未知审核状态：" + truncate(s.Status, 40) + "，应为 open（待审核）、confirmed（已确认问题）或 dismissed（已排除）。")
	}
	return nil
}
