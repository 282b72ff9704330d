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

// filterListMax is the longest list of cities or counties the filter bar
// offers before a province (or, for counties, a city) is chosen: a whole
// country has some 2,800 counties, whose options would weigh 150–250 KB on
// every page (and cost every page's build a walk of them), and no one picks
// from a list that long. Beyond it the list waits for the choice above it.
const filterListMax = 150

// newFilters builds the filter bar of a page at path.
func newFilters(path string, cat Catalog, sel Selection, withMetric bool) *filtersView {
	f := &filtersView{Action: path, Town: sel.Town}
	var provinces, cities, counties distinct
	for _, p := range cat.Counties {
		provinces.add(p.Province)
		if sel.Province == "" || p.Province == sel.Province {
			cities.add(p.City)
		}
		if (sel.Province == "" || p.Province == sel.Province) && (sel.City == "" || p.City == sel.City) {
			counties.add(p.Name)
		}
	}
	cityAll, countyAll := "全部市", "全部县区"
	if sel.Province == "" && len(cities.list) > filterListMax {
		cities.list, cityAll = nil, "全部市（先选省份）"
	}
	if sel.Province == "" && sel.City == "" && len(counties.list) > filterListMax {
		counties.list, countyAll = nil, "全部县区（先选省份或市）"
	}
	f.Provinces = options(provinces.list, sel.Province, "全部省份")
	f.Cities = options(cities.list, sel.City, cityAll)
	f.Counties = options(counties.list, sel.County, countyAll)
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

// distinct gathers values in their first order, each once.
type distinct struct {
	list []string
	seen map[string]struct{}
}

func (d *distinct) add(x string) {
	if x == "" {
		return
	}
	if _, ok := d.seen[x]; ok {
		return
	}
	if d.seen == nil {
		d.seen = map[string]struct{}{}
	}
	d.seen[x] = struct{}{}
	d.list = append(d.list, x)
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
