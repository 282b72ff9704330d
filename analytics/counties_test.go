package analytics

import (
	"fmt"
	"slices"
	"sort"
	"testing"
)

// median of the values, nil when there are none (DuckDB's median: the mean
// of the two middle values of an even count).
func median(xs []float64) *float64 {
	if len(xs) == 0 {
		return nil
	}
	s := slices.Clone(xs)
	sort.Float64s(s)
	n := len(s)
	v := s[n/2]
	if n%2 == 0 {
		v = (s[n/2-1] + s[n/2]) / 2
	}
	return &v
}

// TestCountyComparison: every figure of the county comparison against the
// answer key: the roll-up's counts and sums, the medians of the townships'
// figures, and the rank by the median activity index with its change.
func TestCountyComparison(t *testing.T) {
	c := newChecker(t)
	defer c.done()
	got, err := demo.CountyComparison(ctx, Scope{})
	if err != nil {
		t.Fatal(err)
	}
	type cy struct {
		county string
		year   int
	}
	medians := map[cy]map[string][]float64{}
	for _, a := range key.answers {
		k := cy{a.county, a.Year}
		if medians[k] == nil {
			medians[k] = map[string][]float64{}
		}
		for _, col := range []string{"proactive_items", "requests_new", "activity_index"} {
			if v := a.cols[col].(*float64); v != nil {
				medians[k][col] = append(medians[k][col], *v)
			}
		}
	}
	// Ranks by median activity index among the counties of each year.
	rank := map[cy]int{}
	for _, y := range key.years {
		var ks []cy
		for k := range medians {
			if k.year == y && median(medians[k]["activity_index"]) != nil {
				ks = append(ks, k)
			}
		}
		for _, k := range ks {
			r := 1
			for _, o := range ks {
				if *median(medians[o]["activity_index"]) > *median(medians[k]["activity_index"])+1e-9 {
					r++
				}
			}
			rank[k] = r
		}
	}
	n := 0
	for _, g := range got {
		want := key.rollups[rollKey{"county", g.Province, g.City, g.County, g.Year}]
		if want == nil {
			t.Errorf("unexpected county-year %s %d", g.County, g.Year)
			continue
		}
		n++
		k := cy{g.County, g.Year}
		where := fmt.Sprintf("CountyComparison %s %d", g.County, g.Year)
		for col, v := range map[string]any{"townships": g.Townships, "reports": g.Reports, "missing": g.Missing,
			"zero_activity": g.ZeroActivity, "flagged": g.Flagged, "proactive_items": g.ProactiveItems,
			"requests_new": g.RequestsNew, "requests_processed": g.RequestsProcessed, "grant_rate": g.GrantRate,
			"appeals_total": g.AppealsTotal} {
			c.eq(where, col, v, want[col])
		}
		c.eq(where, "proactive_items_median", g.ProactiveItemsMedian, median(medians[k]["proactive_items"]))
		c.eq(where, "requests_new_median", g.RequestsNewMedian, median(medians[k]["requests_new"]))
		c.eq(where, "activity_index_median", g.ActivityIndexMedian, median(medians[k]["activity_index"]))
		c.eq(where, "rank", *g.Rank, rank[k])
		if p, ok := rank[cy{g.County, g.Year - 1}]; ok {
			c.eq(where, "rank_change", *g.RankChange, p-rank[k])
		} else if g.RankChange != nil {
			t.Errorf("%s: a change %d without a year before", where, *g.RankChange)
		}
	}
	wantN := 0
	for k := range key.rollups {
		if k.level == "county" {
			wantN++
		}
	}
	if n != wantN || n == 0 {
		t.Errorf("%d county-years, want %d", n, wantN)
	}
}
