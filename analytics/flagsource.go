package analytics

import (
	"context"
	"database/sql"
)

// flagSource names the query that reads an area's supervision flags: name
// itself, which reads m_flags (the view flags' rows, refreshed after each
// run's commit: a county's flags in a few ms), or its twin name_view,
// which reads the view flags (0.2 s of CPU for a county, 1 s for a whole
// country's year) while m_flags is stale for the area.
//
// A run marks its counties stale in its own transaction, so the mark
// becomes visible with the run's reports: a read that finds the area
// current and then reads m_flags sees the flags of the reports before a
// run that commits in between, never part of one (m_flags holds a county's
// flags as of its last refresh, and the run's refresh has not committed).
// Its result is kept under the data version it began in (analyticsource).
func (d *DB) flagSource(ctx context.Context, name, province, city, county string) (string, error) {
	current := false
	err := d.query(ctx, "flags_current", func(rows *sql.Rows) error {
		return rows.Scan(&current)
	}, province, city, county)
	if err != nil {
		return "", err
	}
	if current {
		return name, nil
	}
	return name + "_view", nil
}
