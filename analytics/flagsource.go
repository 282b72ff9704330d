package analytics

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	sqlfiles "xxgk/sql"
)

// maxViewCounties is the most counties marked stale whose flags a whole
// area's read takes from the view, one county at a time (0.15–0.2 s of CPU
// each in the national database), the rest of the area from m_flags; with
// more, the read takes the view for the whole area (1–2 s for a whole
// country's year).
const maxViewCounties = 3

// flagPlan says where an area's supervision flags are read from, which
// the queries reading them take as parameters (the relation, a county, the
// counties left out): sqlfiles.FlagsTable (m_flags, the view flags' rows
// refreshed after each run's commit: a county's flags in a few ms), or
// sqlfiles.FlagsView (the view) while m_flags is stale for the area. A run
// marks its counties stale in its own transaction, so the marks become
// visible with the run's reports. A read of a larger area than a county
// that finds a few counties marked (a county's batch, in the second before
// its refresh) reads m_flags without them and the view for each of them,
// all in one transaction: every part of the answer is of the same reports.
type flagPlan struct {
	rel string
	// fromView are the counties read from the view, with rel FlagsTable.
	fromView []string
}

// parts are the reads of a plan: the relation, the county (” for the
// area's) and the counties left out of each.
func (p flagPlan) parts(county string) []flagPart {
	// Never a nil list: bound, it would be NULL, and leave out every row.
	out := []flagPart{{rel: p.rel, county: county, except: append([]string{}, p.fromView...)}}
	for _, c := range p.fromView {
		out = append(out, flagPart{rel: sqlfiles.FlagsView, county: c, except: []string{}})
	}
	return out
}

// flagPart is one read of a flagPlan.
type flagPart struct {
	rel, county string
	except      []string
}

// flagMark is a mark of m_flags_stale that concerns an area
// (flags_marks.sql): the county marked ("" with unplaced, the unplaced
// bodies), or everywhere (every county's flags of a kind, or the whole
// table).
type flagMark struct {
	county     string
	unplaced   bool
	everywhere bool
}

// planFlags reads the marks that concern the area (flags_marks) through
// query and decides where its flags are read from (decideFlags).
func planFlags(query func(name string, scan func(*sql.Rows) error, args ...any) error, province, city, county string) (flagPlan, error) {
	var marks []flagMark
	err := query("flags_marks", func(rows *sql.Rows) error {
		var c sql.NullString
		var m flagMark
		if err := rows.Scan(&c, &m.everywhere); err != nil {
			return err
		}
		m.county, m.unplaced = c.String, !c.Valid
		marks = append(marks, m)
		return nil
	}, province, city, county)
	if err != nil {
		return flagPlan{}, err
	}
	return decideFlags(county, marks), nil
}

// decideFlags: m_flags where no mark concerns the area; the view for a
// marked county, or for an area where a mark reaches beyond its counties
// (everywhere, or the unplaced bodies, which the counties' parts would
// leave out), or more than maxViewCounties are marked; otherwise m_flags
// without the marked counties, and the view for each of them.
func decideFlags(county string, marks []flagMark) flagPlan {
	if len(marks) == 0 {
		return flagPlan{rel: sqlfiles.FlagsTable}
	}
	if county != "" || len(marks) > maxViewCounties {
		return flagPlan{rel: sqlfiles.FlagsView}
	}
	var counties []string
	for _, m := range marks {
		if m.everywhere || m.unplaced {
			return flagPlan{rel: sqlfiles.FlagsView}
		}
		if !slices.Contains(counties, m.county) {
			counties = append(counties, m.county)
		}
	}
	return flagPlan{rel: sqlfiles.FlagsTable, fromView: counties}
}

// planFlags is planFlags of the area, read outside any transaction.
func (d *DB) planFlags(ctx context.Context, province, city, county string) (flagPlan, error) {
	return planFlags(func(name string, scan func(*sql.Rows) error, args ...any) error {
		return d.query(ctx, name, scan, args...)
	}, province, city, county)
}

// queryFlags runs the named query, which reads the area's supervision
// flags from the relation, county and counties left out that args binds
// (after the query's other parameters), for each part of the area's plan
// (planFlags); scan hears each part's rows, part by part, and the caller
// merges them. A read from the view is heavy: it takes one of the heavy
// slots too.
func (d *DB) queryFlags(ctx context.Context, name, province, city, county string,
	scan func(part int, rows *sql.Rows) error, args func(p flagPart) []any) error {
	plan, err := d.planFlags(ctx, province, city, county)
	if err != nil {
		return err
	}
	if len(plan.fromView) == 0 {
		return d.queryIn(ctx, name, plan.rel == sqlfiles.FlagsView, func(rows *sql.Rows) error {
			return scan(0, rows)
		}, args(plan.parts(county)[0]))
	}
	return d.queryFlagParts(ctx, name, province, city, county, scan, args)
}

// queryFlagParts reads an area's flags in parts, in one transaction: the
// marks are read again in it, and the parts are of its reports.
func (d *DB) queryFlagParts(ctx context.Context, name, province, city, county string,
	scan func(part int, rows *sql.Rows) error, args func(p flagPart) []any) error {
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
	for i, p := range plan.parts(county) {
		if err := inTx(name, func(rows *sql.Rows) error { return scan(i, rows) }, args(p)...); err != nil {
			return err
		}
	}
	return nil
}
