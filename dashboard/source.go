package dashboard

import (
	"context"
	"errors"
	"time"

	"xxgk/analytics"
)

// Source is everything the dashboard reads. Package analytics provides it
// over DuckDB (wired in cmd/xxgk); the tests use a fake. A Scope narrows to a
// province, city or county (empty fields mean "all"); the handlers resolve
// the year first, so a year of 0 is never passed except where it says "every
// year". A figure a report does not print is nil, never 0; rates are
// fractions (0.25).
//
// Lists may be cut at a row cap (List says so); whatever a page counts,
// adds up or charts as "the top N" it reads from the aggregate methods
// (Summary, Counts, RequestTotals, ZeroStreaks, TopReports, and the order
// of Rankings), which hold however long the lists are.
type Source interface {
	// Catalog lists the places and years there is data for.
	Catalog(ctx context.Context) (Catalog, error)
	// Summary totals the scope for every year, oldest first.
	Summary(ctx context.Context, s Scope) ([]YearSummary, error)
	// Counts counts, for every year, oldest first, the rows of the scope's
	// complete lists: Reports, ZeroActivity, Missing and Quality.
	Counts(ctx context.Context, s Scope) ([]YearCounts, error)
	// Rankings ranks the scope's townships by one metric in one year,
	// best first (within the county when the scope is one county).
	Rankings(ctx context.Context, s Scope, metric string, year int) (List[RankRow], error)
	// Reports lists the scope's reports of one year, one per township, by
	// county and township.
	Reports(ctx context.Context, s Scope, year int) (List[Report], error)
	// TopReports lists the scope's reports of one year with the largest
	// positive value of by (TopProcessed, TopAppeals), largest first, at
	// most n.
	TopReports(ctx context.Context, s Scope, year int, by string, n int) ([]Report, error)
	// RequestTotals sums part 三 over the scope's reports of one year (the
	// reports Reports lists, all of them).
	RequestTotals(ctx context.Context, s Scope, year int) (RequestTotals, error)
	// Township returns every year of one township (county "" for one not
	// placed in regions.csv); ErrNotFound if there is no such township.
	Township(ctx context.Context, county, name string) (TownHistory, error)
	// ZeroActivity lists the scope's townships with no requests and nothing
	// in part 二 in the year, longest streak first.
	ZeroActivity(ctx context.Context, s Scope, year int) (List[ZeroRow], error)
	// ZeroStreaks counts the townships ZeroActivity lists by the length of
	// their streak, shortest first.
	ZeroStreaks(ctx context.Context, s Scope, year int) ([]StreakCount, error)
	// Missing lists the scope's township-years without a report, between
	// each township's first year and the latest year, in one year or (year
	// 0) every year, latest first.
	Missing(ctx context.Context, s Scope, year int) (List[MissingRow], error)
	// Quality lists the scope's reports that break the template's
	// arithmetic or are incomplete, in one year or (year 0) every year.
	Quality(ctx context.Context, s Scope, year int) (List[QualityRow], error)
	// Unplaced lists the bodies no row of regions.csv places: in no county,
	// never counted as missing, latest reporting first.
	Unplaced(ctx context.Context) (analytics.List[analytics.TownshipInfo], error)
	// Search finds townships whose name (or a name their reports give
	// them) contains text, at most limit.
	Search(ctx context.Context, text string, limit int) ([]Town, error)
}

// The columns TopReports orders by.
const (
	TopProcessed = "requests_processed" // requests processed (办结)
	TopAppeals   = "appeals_total"      // reconsiderations and lawsuits
)

// List is a list as a Source returns it: the first rows of the list, in
// its order, and the number of rows of the complete list. A Source reads
// lists under a row cap (10,000 rows over analytics), so on a large
// selection Rows may hold fewer rows than Total: the page then says so.
type List[T any] struct {
	Rows  []T
	Total int
}

// Cut says the list holds fewer rows than the complete one.
func (l List[T]) Cut() bool { return l.Total > len(l.Rows) }

// Whole returns a list of every row.
func Whole[T any](rows []T) List[T] { return List[T]{Rows: rows, Total: len(rows)} }

// ErrNotFound says the thing asked for does not exist (a 404, not a 500).
var ErrNotFound = errors.New("not found")

// Scope narrows a query to a province, a city or a county.
type Scope struct {
	Province string
	City     string
	County   string
}

// Place is one county with the city and province above it.
type Place struct {
	Province string
	City     string
	County   string
}

// Catalog is what the filters offer, and the documented minimums.
type Catalog struct {
	Places []Place // every county, in display order
	Years  []int   // ascending
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

// Town is one township (or street office) placed in its county.
type Town struct {
	Name     string
	Org      string // the body as its reports title it
	County   string
	City     string
	Province string
}

// YearSummary totals one year of a scope (sums over the reports that
// print the figure; nil when none does).
type YearSummary struct {
	Year           int
	Townships      int // expected reports: reports + missing
	Reports        int
	Missing        int
	ZeroActivity   int
	Flagged        int // reports breaking the arithmetic or incomplete
	ProactiveItems *float64
	RequestsNew    *float64
	Processed      *float64
	Granted        *float64 // granted + partial
	GrantRate      *float64
	Appeals        *float64 // reconsiderations and lawsuits
	Corrected      *float64
	Concluded      *float64
	CorrectionRate *float64
}

// YearCounts is how many rows the scope's complete lists hold in one year.
// With no place selected, townships not placed in regions.csv count too,
// as the lists list them (Summary leaves them out).
type YearCounts struct {
	Year         int
	Reports      int
	ZeroActivity int
	Missing      int
	Flagged      int // reports breaking the arithmetic or incomplete (Quality)
	Arithmetic   int // of which break the arithmetic
	Incomplete   int // of which are incomplete (a report can be both)
}

// RequestTotals is part 三 summed over the scope's reports of one year:
// sums over the reports that print the figure, nil when none does.
type RequestTotals struct {
	Reports        int // the reports summed
	New, Processed *float64
	Outcomes       [6]*float64 // in the order of outcomeLabels
	Applicants     [6]*float64 // in the order of applicantLabels
}

// StreakCount is how many zero-activity townships have a streak of Streak
// consecutive years.
type StreakCount struct {
	Streak, Townships int
}

// RankRow is one township's place in a ranking. Ranks count from 1 (the
// largest value); ties share a rank; 0 means not ranked. The changes are
// the Source's (computed once, in SQL): the previous rank minus this one,
// nil when either is missing.
type RankRow struct {
	Town             Town
	Value            float64
	Numerator        *float64 // a rate's numerator and denominator; nil otherwise
	Denominator      *float64
	SmallSample      bool // a rate on a denominator below the minimum: not ranked
	Rank             int  // among all townships
	Ranked           int  // how many were ranked
	PrevRank         int  // the year before
	RankChange       *int
	CountyRank       int // within the county
	CountyRanked     int
	PrevCountyRank   int
	CountyRankChange *int
}

// Report is the headline figures of one township-year.
type Report struct {
	Town           Town
	Year           int
	Missing        bool // no report this year (in a TownHistory only)
	Template       string
	Published      string // ISO date or ""
	SourceFile     string
	ProactiveItems *float64
	Decisions      *float64
	ActivityIndex  *float64
	Requests       Requests
	Appeals        Appeals
	Zero           bool // zero activity
	Checks         []Check
	Warnings       []string
	Incomplete     []string // parts missing: s2, s3, s4
}

// Requests is part 三 of one report: the 总计 column by outcome group, and
// the new requests by applicant.
type Requests struct {
	New, CarriedIn, Processed, CarriedOut                  *float64
	Granted, Partial, Denied, Unavailable, Rejected, Other *float64
	GrantRate                                              *float64 // (granted + partial) / processed
	// Applicants splits the new requests by applicant, in the order of
	// applicantLabels: natural, commercial, research, social, legal, other.
	Applicants [6]*float64
}

// Outcomes returns the outcome groups in the order of outcomeLabels.
func (r Requests) Outcomes() [6]*float64 {
	return [6]*float64{r.Granted, r.Partial, r.Denied, r.Unavailable, r.Rejected, r.Other}
}

// Appeals is part 四 of one report.
type Appeals struct {
	Review         AppealGroup // 行政复议
	Suit           AppealGroup // 行政诉讼, both groups added
	Total          *float64
	CorrectionRate *float64 // corrected / concluded
}

// AppealGroup counts cases by result.
type AppealGroup struct {
	Upheld, Corrected, Other, Pending, Total *float64
}

// ZeroRow is a township with nothing in a year.
type ZeroRow struct {
	Town   Town
	Year   int
	Streak int // consecutive years with nothing, ending in Year
}

// MissingRow is a township-year without a report.
type MissingRow struct {
	Town Town
	Year int
}

// QualityRow is one report that breaks the arithmetic or is incomplete.
type QualityRow struct {
	Town       Town
	Year       int
	SourceFile string
	Checks     []Check
	Incomplete []string // s2, s3, s4
}

// Check is one breach of the template's arithmetic (FORMAT.md rules 1–4).
type Check struct {
	Rule     int
	Cell     string // the cell the rule predicts, e.g. s4.review.total
	Expected float64
	Found    float64
}

// TownHistory is every year of one township.
type TownHistory struct {
	Town  Town
	Years []Report // oldest first; a year without a report has Missing set
}
