package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	sqlfiles "xxgk/sql"
)

// Version is one version of a township-year's report: the current one or
// one it replaced.
type Version struct {
	Township, County string
	Year             int
	Org, File        string
	SHA256           string
	LoadedAt         time.Time
	LoadedBy         string
	Current          bool
	ReplacedAt       time.Time // zero for the current version
	ReplacedBy       string
	ReplacedByFile   string
	Forced           bool // replaced with --replace by a document holding fewer parts
}

// History lists, from db (read-only will do), the versions of the reports matching name (a body, a
// township or a county; "" for all) and year (0 for all), the current one
// of each township-year first, at most limit rows.
func History(ctx context.Context, db *sql.DB, name string, year, limit int) ([]Version, error) {
	rows, err := db.QueryContext(ctx, sqlfiles.Query("history"), name, year, limit)
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	defer rows.Close()
	out := []Version{}
	for rows.Next() {
		var v Version
		var replaced sql.NullTime
		if err := rows.Scan(&v.Township, &v.County, &v.Year, &v.Org, &v.File, &v.SHA256, &v.LoadedAt, &v.LoadedBy,
			&v.Current, &replaced, &v.ReplacedBy, &v.ReplacedByFile, &v.Forced); err != nil {
			return nil, fmt.Errorf("history: %w", err)
		}
		v.ReplacedAt = replaced.Time
		out = append(out, v)
	}
	return out, rows.Err()
}
