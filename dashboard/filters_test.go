package dashboard

import (
	"fmt"
	"strings"
	"testing"

	"xxgk/analytics"
)

// TestFiltersListLength: the city and county lists wait for a province (or
// city) to be chosen when they would be longer than filterListMax; a
// selected value is kept; each name is listed once.
func TestFiltersListLength(t *testing.T) {
	// Two provinces of two cities each, 80 counties a city: 320 counties in
	// all, 160 a province, 80 a city. 同名区 is in every city.
	var big []analytics.County
	for p := range 2 {
		for c := range 2 {
			for k := range 80 {
				name := fmt.Sprintf("%d省%d市%d县", p, c, k)
				if k == 0 {
					name = "同名区"
				}
				big = append(big, analytics.County{Province: fmt.Sprintf("%d省", p), City: fmt.Sprintf("%d省%d市", p, c), Name: name})
			}
		}
	}
	small := big[:5]
	summary := func(o []option) string {
		var sel string
		for _, x := range o {
			if x.Selected {
				sel = x.Value
			}
		}
		return fmt.Sprintf("%d %s [%s]", len(o), o[0].Label, sel)
	}
	for _, tc := range []struct {
		name              string
		counties          []analytics.County
		sel               Selection
		provinces, cities string
		countyOpts        string
	}{
		{"a small catalog, nothing chosen", small, Selection{}, "2 全部省份 []", "2 全部市 []", "6 全部县区 []"},
		{"a large catalog, nothing chosen", big, Selection{}, "3 全部省份 []", "5 全部市 []", "1 全部县区（先选省份或市） []"},
		{"a province chosen", big, Selection{Province: "1省"}, "3 全部省份 [1省]", "3 全部市 []", "160 全部县区 []"},
		{"a city chosen", big, Selection{City: "0省1市"}, "3 全部省份 []", "5 全部市 [0省1市]", "81 全部县区 []"},
		{"a county chosen, no province", big, Selection{County: "1省0市7县"}, "3 全部省份 []", "5 全部市 []", "2 全部县区（先选省份或市） [1省0市7县]"},
	} {
		f := newFilters("/", Catalog{Counties: tc.counties}, tc.sel, false)
		got := strings.Join([]string{summary(f.Provinces), summary(f.Cities), summary(f.Counties)}, "; ")
		want := strings.Join([]string{tc.provinces, tc.cities, tc.countyOpts}, "; ")
		if got != want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, want)
		}
	}
}
