package analytics

import (
	"context"
	"database/sql"
	"fmt"
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
