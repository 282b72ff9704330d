package analytics

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ErrNotFound says no township has that name and county.
var ErrNotFound = errors.New("not found")

// TownshipHistory implements Reader; it returns an error wrapping
// ErrNotFound for an unknown township.
func (d *DB) TownshipHistory(ctx context.Context, township, county string) (*History, error) {
	h := &History{Reports: []ReportSummary{}, Missing: []int{}}
	found := false
	err := d.query(ctx, "township", func(rows *sql.Rows) error {
		var err error
		h.Township, err = scanTownship(rows)
		found = true
		return err
	}, township, county)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, fmt.Errorf("analytics: township %s (county %q): %w", township, county, ErrNotFound)
	}
	err = d.query(ctx, "township_history", func(rows *sql.Rows) error {
		s, err := scanSummary(rows)
		h.Reports = append(h.Reports, s)
		return err
	}, township, county)
	if err != nil {
		return nil, err
	}
	err = d.query(ctx, "township_missing", func(rows *sql.Rows) error {
		var y int
		err := rows.Scan(&y)
		h.Missing = append(h.Missing, y)
		return err
	}, township, county)
	if err != nil {
		return nil, err
	}
	return h, nil
}

// Reports implements Reader.
func (d *DB) Reports(ctx context.Context, q ListQuery) (List[ReportSummary], error) {
	out := List[ReportSummary]{Rows: []ReportSummary{}}
	year, err := d.latestYear(ctx, q.Year)
	if err != nil {
		return out, err
	}
	err = d.query(ctx, "reports", func(rows *sql.Rows) error {
		s, err := scanSummary(rows, &out.Total)
		out.Rows = append(out.Rows, s)
		return err
	}, year, q.Province, q.City, q.County, "", limit(q.Limit))
	return out, err
}

// scanSummary reads one row of township_history.sql or reports.sql; more
// are the columns after the summary's (reports.sql's total).
func scanSummary(rows *sql.Rows, more ...any) (ReportSummary, error) {
	var s ReportSummary
	var incomplete, warnings, checks string
	p, q, a := &s.Proactive, &s.Requests, &s.Appeals
	dest := []any{&s.Name, &s.County, &s.City, &s.Province, &s.ReportID, &s.Org, &s.Year, &s.Template, &s.Published, &s.SourceFile,
		&p.Items, &p.PrevItems, &p.Change, &p.ChangePct, &p.DocumentsIssued, &p.Decisions, &p.S2Active,
		&q.New, &q.CarriedIn, &q.Received, &q.Processed,
		&q.Granted, &q.Partial, &q.Denied, &q.Unavailable, &q.Rejected, &q.Other, &q.CarriedOut, &q.GrantRate,
		&q.Applicants.Natural, &q.Applicants.Commercial, &q.Applicants.Research, &q.Applicants.Social,
		&q.Applicants.Legal, &q.Applicants.Other, &q.NaturalShare,
		&a.Review.Upheld, &a.Review.Corrected, &a.Review.Other, &a.Review.Pending, &a.Review.Total,
		&a.Review.Concluded, &a.Review.CorrectionRate,
		&a.Suit.Upheld, &a.Suit.Corrected, &a.Suit.Other, &a.Suit.Pending, &a.Suit.Total,
		&a.Suit.Concluded, &a.Suit.CorrectionRate,
		&a.Total, &a.CorrectionRate,
		&s.ActivityIndex, &s.ZeroActivity, &incomplete, &warnings, &checks}
	err := rows.Scan(append(dest, more...)...)
	if err != nil {
		return s, err
	}
	return s, errors.Join(jsonList(incomplete, &s.Incomplete), jsonList(warnings, &s.Warnings), jsonList(checks, &s.Checks))
}
