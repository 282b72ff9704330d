// Package analytics reads the xxgk database for the dashboard and for
// analysts: typed Go functions over the SQL views of package sqlfiles
// (documented column by column in sql/README.md), and the read-only SQL
// console behind xxgk sql.
//
// The domain types and the Reader interface are what the dashboard depends
// on; DB implements Reader over DuckDB. Every query lives in an embedded
// file (sql/queries/analytics/*.sql): Go code names the file and binds
// parameters, and a caller's choice of metric is checked against the fixed
// list in Metrics, never written into SQL.
//
// Conventions: a township is identified by its name and county; County is ""
// for a township whose reports could not be placed in regions.csv. A figure
// a report does not print is nil, never 0. Rates are fractions (0.25, not
// 25%).
package analytics

// Township identifies a township and places it in the hierarchy.
type Township struct {
	Name     string `json:"township"`
	County   string `json:"county"` // "" when unplaced
	City     string `json:"city"`
	Province string `json:"province"`
}

// TownshipInfo is one row of the townships view.
type TownshipInfo struct {
	Township
	Placed    bool     `json:"placed"`
	Orgs      []string `json:"orgs"`       // every name its reports and regions.csv give it
	FirstYear int      `json:"first_year"` // 0 when it never reported
	LastYear  int      `json:"last_year"`
	Reports   int      `json:"reports"`
}

// County is one county with the number of townships it holds.
type County struct {
	Name      string `json:"county"`
	City      string `json:"city"`
	Province  string `json:"province"`
	Townships int    `json:"townships"`
}

// ReportSummary is one township-year: the headline figures of its report
// from the proactive, requests, appeals and activity_index views, with what
// the report failed to print or to add up.
type ReportSummary struct {
	Township
	ReportID   int64  `json:"report_id"`
	Org        string `json:"org"`
	Year       int    `json:"year"`
	Template   string `json:"template"`
	Published  string `json:"published,omitempty"` // ISO date, "" when not shown
	SourceFile string `json:"source_file"`

	Proactive Proactive `json:"proactive"`
	Requests  Requests  `json:"requests"`
	Appeals   Appeals   `json:"appeals"`

	ActivityIndex *float64 `json:"activity_index"`
	ZeroActivity  bool     `json:"zero_activity"`

	Incomplete []string `json:"incomplete"` // parts missing in whole or part: s2, s3, s4
	Warnings   []string `json:"warnings"`
	Checks     []Check  `json:"checks"`
}

// Proactive is proactive disclosure in one report (view proactive).
type Proactive struct {
	Items           *float64 `json:"proactive_items"`
	PrevItems       *float64 `json:"prev_proactive_items"`
	Change          *float64 `json:"proactive_items_change"`
	ChangePct       *float64 `json:"proactive_items_change_pct"`
	DocumentsIssued *float64 `json:"documents_issued"`
	Decisions       *float64 `json:"decisions"`
	S2Active        *bool    `json:"s2_active"`
}

// Requests is requests for information in one report (view requests).
type Requests struct {
	New         *float64 `json:"requests_new"`
	CarriedIn   *float64 `json:"requests_carried_in"`
	Received    *float64 `json:"requests_received"`
	Processed   *float64 `json:"requests_processed"`
	Granted     *float64 `json:"granted"`
	Partial     *float64 `json:"partial"`
	Denied      *float64 `json:"denied"`
	Unavailable *float64 `json:"unavailable"`
	Rejected    *float64 `json:"rejected"`
	Other       *float64 `json:"other"`
	CarriedOut  *float64 `json:"carried_out"`
	GrantRate   *float64 `json:"grant_rate"`

	Applicants   Applicants `json:"applicants"` // who sent the new requests
	NaturalShare *float64   `json:"natural_share"`
}

// Applicants splits new requests by applicant (part 三 columns).
type Applicants struct {
	Natural    *float64 `json:"natural"`
	Commercial *float64 `json:"commercial"`
	Research   *float64 `json:"research"`
	Social     *float64 `json:"social"`
	Legal      *float64 `json:"legal"`
	Other      *float64 `json:"other"`
}

// Appeals is reconsiderations and lawsuits in one report (view appeals).
type Appeals struct {
	Review         AppealGroup `json:"review"`
	Suit           AppealGroup `json:"suit"` // both lawsuit groups added
	Total          *float64    `json:"appeals_total"`
	CorrectionRate *float64    `json:"correction_rate"`
}

// AppealGroup counts cases by result.
type AppealGroup struct {
	Upheld         *float64 `json:"upheld"`
	Corrected      *float64 `json:"corrected"`
	Other          *float64 `json:"other"`
	Pending        *float64 `json:"pending"`
	Total          *float64 `json:"total"`
	Concluded      *float64 `json:"concluded"`
	CorrectionRate *float64 `json:"correction_rate"`
}

// Check is one breach of the template's arithmetic in a report.
type Check struct {
	Rule     int     `json:"rule"`
	RuleText string  `json:"rule_text"`
	Cell     string  `json:"cell"`
	Expected float64 `json:"expected"`
	Found    float64 `json:"found"`
}

// History is every year of one township.
type History struct {
	Township TownshipInfo    `json:"township"`
	Reports  []ReportSummary `json:"reports"`       // by year
	Missing  []int           `json:"missing_years"` // years without a report
}

// List is the first rows of a list, in its order, and the number of rows of
// the complete list (computed by the list's own query, whatever its limit).
type List[T any] struct {
	Rows  []T `json:"rows"`
	Total int `json:"total"`
}

// Cut says the list holds fewer rows than the complete one.
func (l List[T]) Cut() bool { return l.Total > len(l.Rows) }

// Ranking is one township's place on one metric in one year (view rankings).
// Overall ranks run over every township in the database, county ranks over
// its county; ties share a rank (1, 1, 3). A change is the previous year's
// rank minus this year's: positive means the township moved up.
type Ranking struct {
	Township
	Org      string  `json:"org"`
	ReportID int64   `json:"report_id"`
	Year     int     `json:"year"`
	Metric   Metric  `json:"metric"`
	Value    float64 `json:"value"`

	// A rate's numerator and denominator (grant_rate: granted + partial
	// over processed); nil for the other metrics.
	Numerator   *float64 `json:"numerator"`
	Denominator *float64 `json:"denominator"`
	// SmallSample says the rate's denominator is below the minimum
	// (thresholds.min_rate_denominator): the row has no ranks.
	SmallSample bool `json:"small_sample"`

	Rank       *int `json:"rank"`   // nil on a small sample
	Ranked     int  `json:"ranked"` // townships ranked overall
	PrevRank   *int `json:"prev_rank"`
	RankChange *int `json:"rank_change"`

	CountyRank       *int `json:"county_rank"` // nil when unplaced
	CountyRanked     *int `json:"county_ranked"`
	PrevCountyRank   *int `json:"prev_county_rank"`
	CountyRankChange *int `json:"county_rank_change"`
}

// ZeroActivity is a township-year with no requests and nothing in part 二
// (view zero_activity).
type ZeroActivity struct {
	Township
	Org            string   `json:"org"`
	ReportID       int64    `json:"report_id"`
	Year           int      `json:"year"`
	ProactiveItems *float64 `json:"proactive_items"` // context only
	Streak         int      `json:"streak"`          // consecutive zero-activity years ending this year
	StreakStart    int      `json:"streak_start"`
}

// MissingReport is a township-year without a report (view missing_reports).
type MissingReport struct {
	Township
	Org            string `json:"org"`
	Year           int    `json:"year"`
	NeverReported  bool   `json:"never_reported"`
	LastReportYear *int   `json:"last_report_year"`
}

// QualityIssue is a report that breaks the arithmetic or is incomplete
// (views quality and quality_checks).
type QualityIssue struct {
	Township
	Org        string   `json:"org"`
	ReportID   int64    `json:"report_id"`
	Year       int      `json:"year"`
	Template   string   `json:"template"`
	SourceFile string   `json:"source_file"`
	Incomplete []string `json:"incomplete"`
	Checks     []Check  `json:"checks"`
}

// Level is the level of a roll-up.
type Level string

// Roll-up levels.
const (
	LevelCounty   Level = "county"
	LevelCity     Level = "city"
	LevelProvince Level = "province"
	LevelAll      Level = "all"
)

// Rollup is one area's totals for one year (view rollups). Sums run over
// the reports that print the figure.
type Rollup struct {
	Level    Level  `json:"level"`
	Province string `json:"province"`
	City     string `json:"city"`
	County   string `json:"county"`
	Year     int    `json:"year"`

	Townships    int `json:"townships"` // expected reports: reports + missing
	Reports      int `json:"reports"`
	Missing      int `json:"missing"`
	ZeroActivity int `json:"zero_activity"`
	Flagged      int `json:"flagged"` // reports in the quality view

	ProactiveItems     *float64 `json:"proactive_items"`
	ProactiveItemsMean *float64 `json:"proactive_items_mean"`
	DocumentsIssued    *float64 `json:"documents_issued"`
	Decisions          *float64 `json:"decisions"`
	RequestsNew        *float64 `json:"requests_new"`
	RequestsReceived   *float64 `json:"requests_received"`
	RequestsProcessed  *float64 `json:"requests_processed"`
	GrantedOrPartial   *float64 `json:"granted_or_partial"`
	GrantRate          *float64 `json:"grant_rate"`
	AppealsTotal       *float64 `json:"appeals_total"`
	AppealsCorrected   *float64 `json:"appeals_corrected"`
	AppealsConcluded   *float64 `json:"appeals_concluded"`
	CorrectionRate     *float64 `json:"correction_rate"`
	ActivityIndexMean  *float64 `json:"activity_index_mean"`
}

// RequestTotals is part 三 summed over the reports of one year in an area
// (views requests and report_metrics). Sums skip the reports that do not
// print the figure, as Rollup's do; a sum is nil when no report prints it.
type RequestTotals struct {
	Year    int `json:"year"`
	Reports int `json:"reports"` // the reports summed

	New         *float64 `json:"requests_new"`
	CarriedIn   *float64 `json:"requests_carried_in"`
	Processed   *float64 `json:"requests_processed"`
	Granted     *float64 `json:"granted"`
	Partial     *float64 `json:"partial"`
	Denied      *float64 `json:"denied"`
	Unavailable *float64 `json:"unavailable"`
	Rejected    *float64 `json:"rejected"`
	Other       *float64 `json:"other"`
	CarriedOut  *float64 `json:"carried_out"`

	Applicants Applicants `json:"applicants"`
}

// ListCount is how many rows the complete lists of an area hold in one
// year: Reports, ZeroActivity, Missing and Quality of that year, and how
// many of Quality's reports break the arithmetic and how many are
// incomplete (a report can be both). The filters are the lists' own, so
// with no area the townships not placed in regions.csv count too (Rollup
// leaves them out).
type ListCount struct {
	Year             int `json:"year"`
	Reports          int `json:"reports"`
	ZeroActivity     int `json:"zero_activity"`
	Missing          int `json:"missing"`
	Flagged          int `json:"flagged"` // rows of Quality
	BreaksArithmetic int `json:"breaks_arithmetic"`
	Incomplete       int `json:"incomplete"`
}

// StreakCount is how many zero-activity townships have a streak of Streak
// consecutive years.
type StreakCount struct {
	Streak    int `json:"streak"`
	Townships int `json:"townships"`
}

// Thresholds are the documented minimums of view thresholds
// (sql/views/05_thresholds.sql), the one place they are set.
type Thresholds struct {
	// MinRateDenominator is the smallest denominator for which a rate is
	// shown as a percentage and ranked.
	MinRateDenominator int `json:"min_rate_denominator"`
}

// Weight is one component of the composite activity index (view
// activity_weights).
type Weight struct {
	Component   string  `json:"component"`
	Weight      float64 `json:"weight"`
	Description string  `json:"description"`
}
