package analytics

import (
	"context"
	"time"
)

// Reader is what the dashboard reads. Year 0 in a query means the latest
// year in the database where a single year is needed, and every year where
// a filter is optional; an empty Province, City or County means every one.
// Lists return at most Limit rows (DefaultLimit when 0, never more than
// MaxLimit); each list's Total (count(*) OVER () in its own query) and ListCounts say how many rows a complete list
// would have, and the aggregates (Rollups, ListCounts, ZeroStreaks,
// RequestTotals) are computed in SQL over every row, whatever the cap.
type Reader interface {
	// Years lists the report years in the database, ascending.
	Years(ctx context.Context) ([]int, error)
	// LoadedAt returns when the data was last loaded (the end of the latest
	// ingest run; the zero time before any).
	LoadedAt(ctx context.Context) (time.Time, error)
	// CountyComparison puts the counties of an area (its province and city;
	// the county is ignored) side by side, every year, by county and year.
	CountyComparison(ctx context.Context, s Scope) ([]CountyYear, error)
	// Report returns one report with every figure it prints, its failing
	// cells, blanks and warnings, and where it came from; ErrNoReport for an
	// unknown id.
	Report(ctx context.Context, id int64) (*ReportDetail, error)
	// Thresholds returns the documented minimums (view thresholds).
	Thresholds(ctx context.Context) (Thresholds, error)
	// Counties lists the counties of the placed townships.
	Counties(ctx context.Context) ([]County, error)
	// Weights lists the components of the composite activity index.
	Weights(ctx context.Context) ([]Weight, error)
	// Rankings ranks townships on one metric in one year, overall or within
	// a county, best first; rates on too small a sample (no rank) last.
	// Total is the length of the complete ranking.
	Rankings(ctx context.Context, q RankingQuery) (List[Ranking], error)
	// TownshipHistory returns every year of one township.
	TownshipHistory(ctx context.Context, township, county string) (*History, error)
	// Reports lists the reports of one year in an area, by county and township.
	Reports(ctx context.Context, q ListQuery) (List[ReportSummary], error)
	// Townships lists the townships of an area (placed or not when the
	// scope is empty), by province, city, county and name.
	Townships(ctx context.Context, s Scope, limit int) ([]TownshipInfo, error)
	// Unplaced lists the townships no row of regions.csv places: in no
	// county, never missing, latest reporting first. Total is the length of
	// the complete list.
	Unplaced(ctx context.Context, limit int) (List[TownshipInfo], error)
	// BodyKinds gives the kind of every body of a county ("" for all).
	BodyKinds(ctx context.Context, county string) ([]BodyKind, error)
	// SearchTownships finds townships whose name or any of whose org names
	// contains text.
	SearchTownships(ctx context.Context, text string, limit int) ([]TownshipInfo, error)
	// ZeroActivity lists the townships with no activity in a year, longest
	// streak first.
	ZeroActivity(ctx context.Context, q ListQuery) (List[ZeroActivity], error)
	// Missing lists township-years without a report, latest year first.
	Missing(ctx context.Context, q ListQuery) (List[MissingReport], error)
	// Quality lists the reports that break the arithmetic or are incomplete.
	Quality(ctx context.Context, q ListQuery) (List[QualityIssue], error)
	// Rollups returns the totals of one level by year.
	Rollups(ctx context.Context, q RollupQuery) ([]Rollup, error)
	// TopReports lists the reports of one year in an area with the largest
	// positive value of one column, largest first.
	TopReports(ctx context.Context, q TopQuery) ([]ReportSummary, error)
	// RequestTotals sums part 三 over the reports of one year in an area:
	// the reports Reports lists with the same query.
	RequestTotals(ctx context.Context, q ListQuery) (RequestTotals, error)
	// ListCounts counts, per year, the rows of the complete lists of an
	// area: Reports, ZeroActivity, Missing and Quality.
	ListCounts(ctx context.Context, s Scope) ([]ListCount, error)
	// ZeroStreaks counts the townships ZeroActivity lists by the length of
	// their streak, shortest first.
	ZeroStreaks(ctx context.Context, q ListQuery) ([]StreakCount, error)
	// ReviewQueue lists the supervision flags of an area with the decision
	// in force on each, open ones first. Total is the length of the
	// complete list.
	ReviewQueue(ctx context.Context, q ReviewQuery) (List[Flag], error)
	// Scorecards returns the county scorecard of the counties of an area
	// (its province and city; the county is ignored) in one year, or
	// every year when year is 0.
	Scorecards(ctx context.Context, s Scope, year int) ([]Scorecard, error)
}

// Scope narrows a query to a province, a city or a county ("" for all).
type Scope struct {
	Province, City, County string
}

// RankingQuery selects one ranking. Ranks are always those among every
// township in the database (Rank) and within the county (CountyRank); the
// scope only filters the rows. Rows come by CountyRank when County is set,
// by Rank otherwise.
type RankingQuery struct {
	Year     int    // 0: the latest year
	Metric   Metric // one of Metrics
	Province string
	City     string
	County   string
	Limit    int
}

// ListQuery filters the supervisors' lists and the reports of a year (and
// their counts and totals: RequestTotals and ZeroStreaks, which ignore
// Limit).
type ListQuery struct {
	// Year: for ZeroActivity and Reports 0 is the latest year; for Missing
	// and Quality 0 is every year.
	Year     int
	Province string
	City     string
	County   string
	Limit    int
}

// TopQuery selects the reports of one year in an area with the largest
// positive value of one column (TopReports): the busiest townships, for a
// chart. Ties come by county and township.
type TopQuery struct {
	Year     int       // 0: the latest year
	By       TopColumn // one of TopColumns
	Province string
	City     string
	County   string
	Limit    int
}

// RollupQuery selects roll-ups: one level, optionally one year and area.
type RollupQuery struct {
	Level    Level
	Year     int    // 0: every year
	Province string // "": any
	City     string
	County   string
	Limit    int
}
