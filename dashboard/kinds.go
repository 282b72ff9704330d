package dashboard

import (
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"xxgk/analytics"
)

// paramBodyKind filters the township index by kind of body: the roster
// (regions.csv's kind column) lists a county's departments and its own
// government beside its townships.
const paramBodyKind = "body_kind"

// kindLabels names each kind in the order the filter offers them.
var kindLabels = []struct{ kind, label string }{
	{analytics.KindTownship, "乡镇（街道）"},
	{analytics.KindCountyGovernment, "县级政府"},
	{analytics.KindDepartment, "县直部门"},
}

// kindFilter reads the kind asked for ("" for every body) and, when one
// is, the kind of every body of the selected county.
func (s *Server) kindFilter(c *gin.Context, sel Selection) (string, map[[2]string]string, error) {
	kind := strings.TrimSpace(c.Query(paramBodyKind))
	if kind == "" {
		return "", nil, nil
	}
	known := false
	for _, k := range kindLabels {
		known = known || k.kind == kind
	}
	if !known {
		return "", nil, badRequest("单位类别无效：" + truncate(kind, 20) + "；可选乡镇（街道）township、县级政府 county_government、县直部门 department。")
	}
	rows, err := s.src.BodyKinds(c.Request.Context(), sel.County)
	if err != nil {
		return "", nil, err
	}
	kinds := make(map[[2]string]string, len(rows))
	for _, r := range rows {
		kinds[[2]string{r.Name, r.County}] = r.Kind
	}
	return kind, kinds, nil
}

// kindLinks are the choices of the kind filter, each the page's query with
// that kind (and the first page).
func kindLinks(q url.Values, selected string) []option {
	link := func(kind string) string {
		v := url.Values{}
		for k, xs := range q {
			if k != paramBodyKind && k != "p" {
				v[k] = xs
			}
		}
		if kind != "" {
			v.Set(paramBodyKind, kind)
		}
		return withQuery("/township", v)
	}
	out := []option{{Value: link(""), Label: "全部单位", Selected: selected == ""}}
	for _, k := range kindLabels {
		out = append(out, option{Value: link(k.kind), Label: k.label, Selected: k.kind == selected})
	}
	return out
}
