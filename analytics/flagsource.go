package analytics

import (
	"context"
	"database/sql"

	sqlfiles "xxgk/sql"
)

// flagSource names the relation an area's supervision flags are read from,
// which the queries reading them take as a parameter:
// sqlfiles.FlagsTable (m_flags, the view flags' rows refreshed after each
// run's commit: a county's flags in a few ms), or sqlfiles.FlagsView (the
// view: 0.2 s of CPU for a county, 1 s for a whole country's year) while
// m_flags is stale for the area.
//
// A run marks its counties stale in its own transaction, so the mark
// becomes visible with the run's reports: a read that finds the area
// current and then reads m_flags sees the flags of the reports before a
// run that commits in between, never part of one (m_flags holds a county's
// flags as of its last refresh, and the run's refresh has not committed).
// Its result is kept under the data version it began in (analyticsource).
func (d *DB) flagSource(ctx context.Context, province, city, county string) (string, error) {
	current := false
	err := d.query(ctx, "flags_current", func(rows *sql.Rows) error {
		return rows.Scan(&current)
	}, province, city, county)
	if err != nil {
		return "", err
	}
	if current {
		return sqlfiles.FlagsTable, nil
	}
	return sqlfiles.FlagsView, nil
}

// queryFlags runs the named query, which reads the area's supervision
// flags from the relation bound as its last parameter (flagSource). Read
// from the view, it is heavy: it takes one of the heavy slots too.
func (d *DB) queryFlags(ctx context.Context, name, province, city, county string, scan func(*sql.Rows) error, args ...any) error {
	rel, err := d.flagSource(ctx, province, city, county)
	if err != nil {
		return err
	}
	return d.queryIn(ctx, name, rel == sqlfiles.FlagsView, scan, append(args, rel))
}
