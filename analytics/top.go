package analytics

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// TopColumn names the column TopReports orders by: a column of the
// report_metrics view, bound as a parameter and never written into SQL.
type TopColumn string

// The columns TopReports can order by.
const (
	TopRequestsProcessed TopColumn = "requests_processed"
	TopAppealsTotal      TopColumn = "appeals_total"
)

// TopColumns lists the columns TopReports can order by.
var TopColumns = []TopColumn{TopRequestsProcessed, TopAppealsTotal}

// TopReports implements Reader. The column must be one of TopColumns.
func (d *DB) TopReports(ctx context.Context, q TopQuery) ([]ReportSummary, error) {
	if !isTopColumn(q.By) {
		names := make([]string, len(TopColumns))
		for i, c := range TopColumns {
			names[i] = string(c)
		}
		return nil, fmt.Errorf("analytics: unknown column %q to order by; use one of %s", q.By, strings.Join(names, ", "))
	}
	year, err := d.latestYear(ctx, q.Year)
	if err != nil {
		return nil, err
	}
	out := []ReportSummary{}
	var total int // the length of the complete list; a chart of the top needs none
	err = d.query(ctx, "reports", func(rows *sql.Rows) error {
		s, err := scanSummary(rows, &total)
		out = append(out, s)
		return err
	}, year, q.Province, q.City, q.County, string(q.By), limit(q.Limit))
	return out, err
}

func isTopColumn(c TopColumn) bool {
	for _, t := range TopColumns {
		if c == t {
			return true
		}
	}
	return false
}

// TopOf is TopReports' answer taken from a complete list of the same
// area's reports of the same year (Reports), without a query: the reports
// whose column by is positive, largest first, then by county and township
// (the order reports.sql gives), at most n (limit's rules). ok is false
// when the list is cut, since its top may lie beyond its rows, or by is not
// one of TopColumns: ask TopReports then. TestTopOfIsTopReports holds the
// two to the same answer.
func TopOf(l List[ReportSummary], by TopColumn, n int) (top []ReportSummary, ok bool) {
	var value func(r *ReportSummary) *float64
	switch by {
	case TopRequestsProcessed:
		value = func(r *ReportSummary) *float64 { return r.Requests.Processed }
	case TopAppealsTotal:
		value = func(r *ReportSummary) *float64 { return r.Appeals.Total }
	default:
		return nil, false
	}
	if l.Cut() {
		return nil, false
	}
	top = []ReportSummary{}
	for i := range l.Rows {
		if v := value(&l.Rows[i]); v != nil && *v > 0 {
			top = append(top, l.Rows[i])
		}
	}
	slices.SortStableFunc(top, func(a, b ReportSummary) int {
		return cmp.Or(cmp.Compare(*value(&b), *value(&a)), strings.Compare(a.County, b.County), strings.Compare(a.Name, b.Name))
	})
	return top[:min(limit(n), len(top))], true
}
