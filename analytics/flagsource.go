package analytics

import (
	"context"
	"database/sql"
	"fmt"

	sqlfiles "xxgk/sql"
)

// planFlags reads the marks that concern the area (flags_marks) through
// query and decides where its flags are read from (sqlfiles.PlanFlags).
func planFlags(query func(name string, scan func(*sql.Rows) error, args ...any) error, province, city, county string) (sqlfiles.FlagPlan, error) {
	var marks []sqlfiles.FlagMark
	err := query("flags_marks", func(rows *sql.Rows) error {
		m, err := sqlfiles.ScanFlagMark(rows)
		marks = append(marks, m)
		return err
	}, province, city, county)
	if err != nil {
		return sqlfiles.FlagPlan{}, err
	}
	return sqlfiles.PlanFlags(county, marks), nil
}

// planFlags plans the area's flags read from its marks read on their own,
// outside any transaction.
func (d *DB) planFlags(ctx context.Context, province, city, county string) (sqlfiles.FlagPlan, error) {
	return planFlags(func(name string, scan func(*sql.Rows) error, args ...any) error {
		return d.query(ctx, name, scan, args...)
	}, province, city, county)
}

// queryFlags runs the named query, which reads the area's supervision
// flags from the relation, county and counties left out that args binds
// (after the query's other parameters), for each part of the area's plan
// (sqlfiles.FlagPlan); scan hears each part's rows, part by part, and the
// caller merges them. A read from the view is heavy: it takes one of the
// heavy slots too.
func (d *DB) queryFlags(ctx context.Context, name, province, city, county string,
	scan func(part int, rows *sql.Rows) error, args func(p sqlfiles.FlagPart) []any) error {
	plan, err := d.planFlags(ctx, province, city, county)
	if err != nil {
		return err
	}
	if len(plan.FromView) == 0 {
		return d.queryIn(ctx, name, plan.Rel == sqlfiles.FlagsView, func(rows *sql.Rows) error {
			return scan(0, rows)
		}, args(plan.Parts(county)[0]))
	}
	return d.queryFlagParts(ctx, name, province, city, county, scan, args)
}

// queryFlagParts reads an area's flags in parts, in one transaction: the
// marks are read again in it, and the parts are of its reports.
func (d *DB) queryFlagParts(ctx context.Context, name, province, city, county string,
	scan func(part int, rows *sql.Rows) error, args func(p sqlfiles.FlagPart) []any) error {
	timeout := d.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	turn, err := d.acquire(ctx, name, true)
	if err != nil {
		return err
	}
	defer turn()
	tx, err := d.SQL.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("analytics: %s: %w", name, err)
	}
	// Only read: nothing to commit.
	defer tx.Rollback()
	inTx := func(name string, scan func(*sql.Rows) error, args ...any) error {
		rows, err := tx.QueryContext(ctx, sqlfiles.Query("analytics/"+name), args...)
		if err != nil {
			return fmt.Errorf("analytics: %s: %w", name, err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return fmt.Errorf("analytics: %s: %w", name, err)
			}
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("analytics: %s: %w", name, err)
		}
		return nil
	}
	plan, err := planFlags(inTx, province, city, county)
	if err != nil {
		return err
	}
	for i, p := range plan.Parts(county) {
		if err := inTx(name, func(rows *sql.Rows) error { return scan(i, rows) }, args(p)...); err != nil {
			return err
		}
	}
	return nil
}
