package analytics

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"
)

// Years implements Reader.
func (d *DB) Years(ctx context.Context) ([]int, error) {
	out := []int{}
	err := d.query(ctx, "years", func(rows *sql.Rows) error {
		var y int
		if err := rows.Scan(&y); err != nil {
			return err
		}
		out = append(out, y)
		return nil
	})
	return out, err
}

// LoadedAt implements Reader.
func (d *DB) LoadedAt(ctx context.Context) (time.Time, error) {
	var t sql.NullTime
	err := d.query(ctx, "loaded_at", func(rows *sql.Rows) error { return rows.Scan(&t) })
	return t.Time, err
}

// Thresholds implements Reader.
func (d *DB) Thresholds(ctx context.Context) (Thresholds, error) {
	var t Thresholds
	err := d.query(ctx, "thresholds", func(rows *sql.Rows) error { return rows.Scan(&t.MinRateDenominator) })
	return t, err
}

// latestYear returns year, or the latest year in the database when year is 0.
func (d *DB) latestYear(ctx context.Context, year int) (int, error) {
	if year != 0 {
		return year, nil
	}
	err := d.query(ctx, "latest_year", func(rows *sql.Rows) error { return rows.Scan(&year) })
	return year, err
}

// Counties implements Reader.
func (d *DB) Counties(ctx context.Context) ([]County, error) {
	out := []County{}
	err := d.query(ctx, "counties", func(rows *sql.Rows) error {
		var c County
		if err := rows.Scan(&c.Name, &c.City, &c.Province, &c.Townships); err != nil {
			return err
		}
		out = append(out, c)
		return nil
	})
	return out, err
}

// Weights implements Reader.
func (d *DB) Weights(ctx context.Context) ([]Weight, error) {
	out := []Weight{}
	err := d.query(ctx, "weights", func(rows *sql.Rows) error {
		var w Weight
		if err := rows.Scan(&w.Component, &w.Weight, &w.Description); err != nil {
			return err
		}
		out = append(out, w)
		return nil
	})
	return out, err
}

// SearchTownships implements Reader. Blank text finds nothing.
func (d *DB) SearchTownships(ctx context.Context, text string, n int) ([]TownshipInfo, error) {
	out := []TownshipInfo{}
	text = strings.TrimSpace(text)
	if text == "" {
		return out, nil
	}
	err := d.query(ctx, "search", func(rows *sql.Rows) error {
		t, err := scanTownship(rows)
		out = append(out, t)
		return err
	}, text, limit(n))
	return out, err
}

// Townships implements Reader.
func (d *DB) Townships(ctx context.Context, s Scope, n int) ([]TownshipInfo, error) {
	out := []TownshipInfo{}
	err := d.query(ctx, "townships", func(rows *sql.Rows) error {
		t, err := scanTownship(rows)
		out = append(out, t)
		return err
	}, s.Province, s.City, s.County, limit(n))
	return out, err
}

// scanTownship reads a row of township.sql or search.sql.
func scanTownship(rows *sql.Rows) (TownshipInfo, error) {
	var t TownshipInfo
	var orgs string
	if err := rows.Scan(&t.Name, &t.County, &t.City, &t.Province, &t.Placed, &orgs,
		&t.FirstYear, &t.LastYear, &t.Reports); err != nil {
		return t, err
	}
	return t, json.Unmarshal([]byte(orgs), &t.Orgs)
}

// jsonList decodes a JSON array column (lists are scanned as JSON text).
func jsonList[T any](s string, dst *[]T) error {
	*dst = []T{}
	return json.Unmarshal([]byte(s), dst)
}

// Unplaced implements Reader.
func (d *DB) Unplaced(ctx context.Context, n int) (List[TownshipInfo], error) {
	out := List[TownshipInfo]{Rows: []TownshipInfo{}}
	err := d.query(ctx, "unplaced", func(rows *sql.Rows) error {
		var t TownshipInfo
		var orgs string
		if err := rows.Scan(&t.Name, &orgs, &t.FirstYear, &t.LastYear, &t.Reports, &out.Total); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(orgs), &t.Orgs); err != nil {
			return err
		}
		out.Rows = append(out.Rows, t)
		return nil
	}, limit(n))
	return out, err
}
