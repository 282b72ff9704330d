package dashboard

import (
	"slices"
	"strconv"

	"xxgk/analytics"
)

// filtersView is the shared filter bar: every choice with the selected one
// marked. Cities are narrowed to the chosen province and counties to the
// chosen city, so the lists stay short.
type filtersView struct {
	Action    string // the page the form submits to
	Provinces []option
	Cities    []option
	Counties  []option
	Years     []option
	Metrics   []option // nil: the page does not use a metric
	Kinds     []option // nil: the page is not the review queue
	Statuses  []option
	Town      string // kept on a township's page
}

type option struct {
	Value, Label string
	Selected     bool
}

// newFilters builds the filter bar of a page at path.
func newFilters(path string, cat Catalog, sel Selection, withMetric bool) *filtersView {
	f := &filtersView{Action: path, Town: sel.Town}
	var provinces, cities, counties []string
	for _, p := range cat.Counties {
		provinces = appendNew(provinces, p.Province)
		if sel.Province == "" || p.Province == sel.Province {
			cities = appendNew(cities, p.City)
		}
		if (sel.Province == "" || p.Province == sel.Province) && (sel.City == "" || p.City == sel.City) {
			counties = appendNew(counties, p.Name)
		}
	}
	f.Provinces = options(provinces, sel.Province, "全部省份")
	f.Cities = options(cities, sel.City, "全部市")
	f.Counties = options(counties, sel.County, "全部县区")
	for i := len(cat.Years) - 1; i >= 0; i-- {
		y := cat.Years[i]
		f.Years = append(f.Years, option{Value: strconv.Itoa(y), Label: strconv.Itoa(y) + "年", Selected: y == sel.Year})
	}
	if withMetric {
		for _, m := range Metrics {
			f.Metrics = append(f.Metrics, option{Value: m.Key, Label: m.Label, Selected: m.Key == sel.Metric.Key})
		}
	}
	return f
}

// options lists values after an "all" choice; a selected value the catalog
// does not know is kept, so the page can say it selects nothing.
func options(values []string, selected, all string) []option {
	out := []option{{Value: "", Label: all, Selected: selected == ""}}
	if selected != "" && !slices.Contains(values, selected) {
		values = append(values, selected)
	}
	for _, v := range values {
		out = append(out, option{Value: v, Label: v, Selected: v == selected})
	}
	return out
}

func appendNew(xs []string, x string) []string {
	if x == "" || slices.Contains(xs, x) {
		return xs
	}
	return append(xs, x)
}

// withReview adds the review queue's filters: kind and status.
func (f *filtersView) withReview(sel Selection) *filtersView {
	f.Kinds = []option{{Value: "", Label: "全部类型", Selected: sel.Kind == ""}}
	for _, k := range analytics.FlagKindCatalog {
		f.Kinds = append(f.Kinds, option{Value: k.Kind, Label: k.Label, Selected: k.Kind == sel.Kind})
	}
	f.Statuses = []option{{Value: "", Label: "全部状态", Selected: sel.Status == ""}}
	for _, st := range analytics.FlagStatuses {
		f.Statuses = append(f.Statuses, option{Value: st, Label: analytics.FlagStatusLabels[st], Selected: st == sel.Status})
	}
	return f
}
