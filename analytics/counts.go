package analytics

import (
	"context"
	"database/sql"
)

// The counts and totals behind the lists: computed in SQL over every row,
// so they hold however long the lists are and wherever they are cut.

// RequestTotals implements Reader; q.Limit is ignored.
func (d *DB) RequestTotals(ctx context.Context, q ListQuery) (RequestTotals, error) {
	year, err := d.latestYear(ctx, q.Year)
	if err != nil {
		return RequestTotals{}, err
	}
	t := RequestTotals{Year: year}
	a := &t.Applicants
	err = d.query(ctx, "request_totals", func(rows *sql.Rows) error {
		return rows.Scan(&t.Reports, &t.New, &t.CarriedIn, &t.Processed,
			&t.Granted, &t.Partial, &t.Denied, &t.Unavailable, &t.Rejected, &t.Other, &t.CarriedOut,
			&a.Natural, &a.Commercial, &a.Research, &a.Social, &a.Legal, &a.Other)
	}, year, q.Province, q.City, q.County)
	return t, err
}

// ListCounts implements Reader.
func (d *DB) ListCounts(ctx context.Context, s Scope) ([]ListCount, error) {
	out := []ListCount{}
	err := d.query(ctx, "list_counts", func(rows *sql.Rows) error {
		var c ListCount
		if err := rows.Scan(&c.Year, &c.Reports, &c.ZeroActivity, &c.Missing,
			&c.Flagged, &c.BreaksArithmetic, &c.Incomplete); err != nil {
			return err
		}
		out = append(out, c)
		return nil
	}, s.Province, s.City, s.County)
	return out, err
}

// ZeroStreaks implements Reader; q.Year 0 is the latest year, as for
// ZeroActivity, and q.Limit is ignored.
func (d *DB) ZeroStreaks(ctx context.Context, q ListQuery) ([]StreakCount, error) {
	year, err := d.latestYear(ctx, q.Year)
	if err != nil {
		return nil, err
	}
	out := []StreakCount{}
	err = d.query(ctx, "zero_streaks", func(rows *sql.Rows) error {
		var c StreakCount
		if err := rows.Scan(&c.Streak, &c.Townships); err != nil {
			return err
		}
		out = append(out, c)
		return nil
	}, year, q.Province, q.City, q.County)
	return out, err
}
