package store

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"xxgk/ingest"
	"xxgk/ingest/schema"
)

// FirstYear is the first statistics year a report can have: the regulation
// took effect in 2008.
const FirstYear = 2008

// maxPlausible is the largest count or amount a real report prints.
const maxPlausible = 100_000_000

// parts are the report's three tables, in order.
var parts = []string{ingest.PartProactive, ingest.PartRequests, ingest.PartAppeals}

// tableParts returns the parts of which r holds at least one figure.
func tableParts(figures map[string]float64) []string {
	var out []string
	for _, p := range parts {
		for k := range figures {
			if strings.HasPrefix(k, p+".") {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

// completeParts returns the parts not listed as incomplete.
func completeParts(incomplete []string) []string {
	var out []string
	for _, p := range parts {
		if !slices.Contains(incomplete, p) {
			out = append(out, p)
		}
	}
	return out
}

// lacking returns the parts old holds whole that new does not.
func lacking(oldIncomplete, newIncomplete []string) []string {
	var out []string
	for _, p := range completeParts(oldIncomplete) {
		if slices.Contains(newIncomplete, p) {
			out = append(out, p)
		}
	}
	return out
}

// refusal says why a parsed document may not be loaded at all, or "" when
// it may. It is the store's own guarantee, whatever the parser decided: a
// document none of whose three tables was found is not a report (a news
// item naming a township and a year), and can never replace one.
func refusal(r *ingest.Report, now time.Time) (reason, detail string) {
	if len(tableParts(r.Figures)) == 0 {
		return ReasonNotReport, "not a report: none of the report's three tables (二、三、四) was found; a news item or notice is not loaded"
	}
	if r.Year < FirstYear || r.Year > now.Year() {
		return ReasonYear, fmt.Sprintf("statistics year %d is outside %d…%d; correct the year in the title or the statistics period", r.Year, FirstYear, now.Year())
	}
	return "", ""
}

// implausible flags, with rule RulePlausible, every figure no real report
// prints: a negative count (only a `change` column has a sign), a count that
// is not whole, anything over 100,000,000. The figure itself is kept as
// printed.
func implausible(figures map[string]float64) []schema.Violation {
	var out []schema.Violation
	for k, v := range figures {
		money := strings.HasSuffix(k, ".amount")
		signed := strings.HasSuffix(k, ".change")
		var expected float64
		switch {
		case math.IsNaN(v) || math.IsInf(v, 0):
			expected = 0
		case math.Abs(v) > maxPlausible:
			expected = math.Copysign(maxPlausible, v)
		case v < 0 && !signed:
			expected = 0
		case !money && v != math.Trunc(v):
			expected = math.Round(v)
		default:
			continue
		}
		out = append(out, schema.Violation{Rule: schema.RulePlausible, Where: k, Expected: expected, Found: v})
	}
	slices.SortFunc(out, func(a, b schema.Violation) int {
		if schema.Less(a.Where, b.Where) {
			return -1
		}
		return 1
	})
	return out
}
