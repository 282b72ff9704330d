package dashboard

import (
	"context"
	"errors"
	"time"

	"xxgk/analytics"
)

// Source is everything the dashboard reads, in the domain types of package
// analytics: analyticsource provides it over an analytics.Reader (wired in
// cmd/xxgk) and the tests use a fake. A Scope narrows to a province, city
// or county (empty fields mean "all"); the handlers resolve the year first,
// so a year of 0 is never passed except where it says "every year". A
// figure a report does not print is nil, never 0; rates are fractions
// (0.25). Townships no row of regions.csv places are in no area: only
// Unplaced lists them.
//
// Lists may be cut at a row cap; each says how long the complete list is
// (List.Total). Whatever a page counts, adds up or charts as "the top N" it
// reads from the aggregate methods (Summary, Counts, RequestTotals,
// ZeroStreaks, TopReports, and the order of Rankings), which hold however
// long the lists are.
type Source interface {
	// Catalog lists the places and years there is data for.
	Catalog(ctx context.Context) (Catalog, error)
	// Summary totals the scope for every year, oldest first.
	Summary(ctx context.Context, s Scope) ([]analytics.Rollup, error)
	// Counts counts, for every year, oldest first, the rows of the scope's
	// complete lists: Reports, ZeroActivity, Missing and Quality.
	Counts(ctx context.Context, s Scope) ([]analytics.ListCount, error)
	// Rankings ranks the scope's townships by one metric in one year, best
	// first (within the county when the scope is one county); rates on too
	// small a sample, without ranks, last.
	Rankings(ctx context.Context, s Scope, metric string, year int) (List[analytics.Ranking], error)
	// Reports lists the scope's reports of one year, one per township, by
	// county and township.
	Reports(ctx context.Context, s Scope, year int) (List[analytics.ReportSummary], error)
	// TopReports lists the scope's reports of one year with the largest
	// positive value of by (TopProcessed, TopAppeals), largest first, at
	// most n.
	TopReports(ctx context.Context, s Scope, year int, by string, n int) ([]analytics.ReportSummary, error)
	// RequestTotals sums part 三 over the scope's reports of one year (the
	// reports Reports lists, all of them).
	RequestTotals(ctx context.Context, s Scope, year int) (analytics.RequestTotals, error)
	// Township returns every year of one township (county "" for one not
	// placed in regions.csv); ErrNotFound if there is no such township.
	Township(ctx context.Context, county, name string) (*analytics.History, error)
	// ZeroActivity lists the scope's townships with no activity in the
	// year, longest streak first.
	ZeroActivity(ctx context.Context, s Scope, year int) (List[analytics.ZeroActivity], error)
	// ZeroStreaks counts the townships ZeroActivity lists by the length of
	// their streak, shortest first.
	ZeroStreaks(ctx context.Context, s Scope, year int) ([]analytics.StreakCount, error)
	// Missing lists the scope's township-years without a report, between
	// each township's first year and the latest year, in one year or (year
	// 0) every year, latest first.
	Missing(ctx context.Context, s Scope, year int) (List[analytics.MissingReport], error)
	// Quality lists the scope's reports that break the template's
	// arithmetic or are incomplete, in one year or (year 0) every year.
	Quality(ctx context.Context, s Scope, year int) (List[analytics.QualityIssue], error)
	// CountyComparison puts the counties of the scope's province and city
	// side by side, every year.
	CountyComparison(ctx context.Context, s Scope) ([]analytics.CountyYear, error)
	// Report returns one report with every figure it prints, its failing
	// cells, blanks and warnings, and where it came from.
	Report(ctx context.Context, id int64) (*analytics.ReportDetail, error)
	// Unplaced lists the bodies no row of regions.csv places: in no county,
	// never counted as missing, latest reporting first.
	Unplaced(ctx context.Context) (List[analytics.TownshipInfo], error)
	// BodyKinds gives the kind of every body of a county ("" for all).
	BodyKinds(ctx context.Context, county string) ([]analytics.BodyKind, error)
	// Search finds townships whose name (or a name their reports give
	// them) contains text, at most limit.
	Search(ctx context.Context, text string, limit int) ([]analytics.TownshipInfo, error)
	// ReviewQueue lists the scope's supervision flags of one year (0: every
	// year), of one kind and status ("": all), open ones first, with the
	// decision in force on each.
	ReviewQueue(ctx context.Context, s Scope, year int, kind, status string) (List[analytics.Flag], error)
	// Scorecards returns the county scorecard of every county of the
	// scope's province and city, every year.
	Scorecards(ctx context.Context, s Scope, year int) ([]analytics.Scorecard, error)
}

// List is a list as a Source returns it: its first rows and the length of
// the complete list.
type List[T any] = analytics.List[T]

// Scope narrows a query to a province, a city or a county.
type Scope = analytics.Scope

// The columns TopReports orders by.
const (
	TopProcessed = string(analytics.TopRequestsProcessed) // requests processed (办结)
	TopAppeals   = string(analytics.TopAppealsTotal)      // reconsiderations and lawsuits
)

// whole returns a list of every row.
func whole[T any](rows []T) List[T] { return List[T]{Rows: rows, Total: len(rows)} }

// ErrNotFound says the thing asked for does not exist (a 404, not a 500).
var ErrNotFound = errors.New("not found")

// Catalog is what the filters offer, and the documented minimums.
type Catalog struct {
	Counties []analytics.County // every county, in display order
	Years    []int              // ascending
	// MinRateDenominator is the smallest denominator for which a rate is
	// shown as a percentage and ranked (view thresholds); below it a page
	// says 样本不足 with the count.
	MinRateDenominator int
	// LoadedAt is when the data was last loaded (zero: unknown), printed
	// in the heading of a printed page.
	LoadedAt time.Time
}

// Latest returns the latest year, or 0 when there is no data.
func (c Catalog) Latest() int {
	if len(c.Years) == 0 {
		return 0
	}
	return c.Years[len(c.Years)-1]
}
