package analytics

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	sqlfiles "xxgk/sql"
)

// FlagStatuses are the statuses of a flag.
var FlagStatuses = []string{"open", "confirmed", "dismissed"}

// Flag is one row of the review queue: a supervision flag and the
// decision in force on it.
type Flag struct {
	Township
	FlagID    string     `json:"flag_id"`
	Kind      string     `json:"kind"`
	Rule      string     `json:"rule"`
	ReportID  int64      `json:"report_id"` // 0 for a missing report
	Org       string     `json:"org"`
	Year      int        `json:"year"`
	Cells     string     `json:"cells"` // canonical keys, joined by ','
	Evidence  string     `json:"evidence"`
	Basis     string     `json:"basis"`
	Status    string     `json:"status"` // open, confirmed, dismissed
	Comment   string     `json:"comment"`
	DecidedBy string     `json:"decided_by"`
	DecidedAt *time.Time `json:"decided_at"` // nil when no decision is in force
	// Reopened says a decision was made on other figures: the flag is
	// open again, and LastStatus says what it was.
	Reopened   bool   `json:"reopened"`
	LastStatus string `json:"last_status"`
}

// ReviewQuery filters the review queue. Year 0 is every year; Kind and
// Status "" are all.
type ReviewQuery struct {
	Year                   int
	Province, City, County string
	Kind, Status           string
	Limit                  int
}

// Scorecard is one county-year of the county scorecard (view
// county_scorecard). Shares are fractions of Bodies; Original and its share
// are nil while copied prose is not checked.
type Scorecard struct {
	County, City, Province string
	Year                   int
	Bodies, Reported       int
	ReportedShare          float64
	OnTime                 int
	OnTimeShare            float64
	DateUnknown            int
	Consistent             int
	ConsistentShare        float64
	Original               *int
	OriginalShare          *float64
}

// ReviewQueue implements Reader.
func (d *DB) ReviewQueue(ctx context.Context, q ReviewQuery) (List[Flag], error) {
	out := List[Flag]{Rows: []Flag{}}
	var totals []int
	err := d.queryFlags(ctx, "review_queue", q.Province, q.City, q.County, func(part int, rows *sql.Rows) error {
		var f Flag
		var at sql.NullTime
		for len(totals) <= part {
			totals = append(totals, 0)
		}
		if err := rows.Scan(&f.FlagID, &f.Kind, &f.Rule, &f.ReportID, &f.Org, &f.Name, &f.County, &f.City, &f.Province,
			&f.Year, &f.Cells, &f.Evidence, &f.Basis, &f.Status, &f.Comment, &f.DecidedBy, &at, &f.Reopened,
			&f.LastStatus, &totals[part]); err != nil {
			return err
		}
		if at.Valid {
			t := at.Time.UTC()
			f.DecidedAt = &t
		}
		out.Rows = append(out.Rows, f)
		return nil
	}, func(p sqlfiles.FlagPart) []any {
		return []any{q.Year, p.County, limit(q.Limit), q.Province, q.City, q.Kind, q.Status, p.Rel, p.Except}
	})
	for _, n := range totals {
		out.Total += n
	}
	if len(totals) > 1 {
		// Parts of an area (flagsource.go): in the query's order, and
		// its limit, again.
		slices.SortStableFunc(out.Rows, reviewOrder)
		out.Rows = out.Rows[:min(len(out.Rows), limit(q.Limit))]
	}
	return out, err
}

// reviewOrder is review_queue.sql's order: open flags first, then by year
// (latest first), county, township, kind, rule and cells.
func reviewOrder(a, b Flag) int {
	return cmp.Or(
		cmp.Compare(boolRank(a.Status != "open"), boolRank(b.Status != "open")),
		cmp.Compare(b.Year, a.Year),
		strings.Compare(a.County, b.County),
		strings.Compare(a.Name, b.Name),
		strings.Compare(a.Kind, b.Kind),
		strings.Compare(a.Rule, b.Rule),
		strings.Compare(a.Cells, b.Cells))
}

// boolRank orders false before true, as SQL does.
func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Scorecards implements Reader.
func (d *DB) Scorecards(ctx context.Context, s Scope, year int) ([]Scorecard, error) {
	out := []Scorecard{}
	parts := 0
	err := d.queryFlags(ctx, "scorecards", s.Province, s.City, "", func(part int, rows *sql.Rows) error {
		var c Scorecard
		var original sql.NullInt64
		var share sql.NullFloat64
		parts = max(parts, part+1)
		if err := rows.Scan(&c.County, &c.City, &c.Province, &c.Year, &c.Bodies, &c.Reported, &c.ReportedShare,
			&c.OnTime, &c.OnTimeShare, &c.DateUnknown, &c.Consistent, &c.ConsistentShare, &original, &share); err != nil {
			return err
		}
		if original.Valid {
			n := int(original.Int64)
			c.Original, c.OriginalShare = &n, &share.Float64
		}
		out = append(out, c)
		return nil
	}, func(p sqlfiles.FlagPart) []any {
		return []any{s.Province, s.City, year, p.Rel, p.County, p.Except}
	})
	if parts > 1 {
		// Parts of an area, each of its own counties (flagsource.go): in
		// the query's order again.
		slices.SortFunc(out, func(a, b Scorecard) int {
			return cmp.Or(nullsLast(a.Province, b.Province), nullsLast(a.City, b.City),
				strings.Compare(a.County, b.County), cmp.Compare(a.Year, b.Year))
		})
	}
	return out, err
}

// nullsLast compares two strings scanned from columns whose NULL reads as
// "", in DuckDB's order: NULL after every value.
func nullsLast(a, b string) int {
	if (a == "") != (b == "") {
		return boolRank(a == "") - boolRank(b == "")
	}
	return strings.Compare(a, b)
}
