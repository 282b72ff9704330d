package analytics

import (
	"context"
	"database/sql"
)

// Kinds of body (body_kinds, regions.csv's kind column).
const (
	KindTownship         = "township"
	KindCountyGovernment = "county_government"
	KindDepartment       = "department"
)

// BodyKind is the kind of one body: KindTownship, KindCountyGovernment,
// KindDepartment, or "" when neither the roster nor the name says.
type BodyKind struct {
	Name   string `json:"township"`
	County string `json:"county"`
	Kind   string `json:"kind"`
}

// BodyKinds implements Reader.
func (d *DB) BodyKinds(ctx context.Context, county string) ([]BodyKind, error) {
	var out []BodyKind
	err := d.query(ctx, "body_kinds", func(rows *sql.Rows) error {
		var k BodyKind
		err := rows.Scan(&k.Name, &k.County, &k.Kind)
		out = append(out, k)
		return err
	}, county)
	return out, err
}

// BodyKinds implements Reader.
func (c *Cache) BodyKinds(ctx context.Context, county string) ([]BodyKind, error) {
	return cached(c, "BodyKinds", county, func() ([]BodyKind, error) { return c.r.BodyKinds(ctx, county) })
}
