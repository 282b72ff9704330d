package analytics

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ReportDetail is one report as its evidence page shows it: where it came
// from, every figure it prints, and what it got wrong or left out.
type ReportDetail struct {
	Township
	ReportID   int64  `json:"report_id"`
	Org        string `json:"org"`
	Year       int    `json:"year"`
	Template   string `json:"template"`
	Published  string `json:"published,omitempty"`
	Format     string `json:"format"` // text, html, docx, pdf
	SourceFile string `json:"source_file"`
	SHA256     string `json:"sha256"` // of the file's bytes, as ingested

	Figures    map[string]float64 `json:"figures"`    // canonical key → value, printed figures only
	Blank      []string           `json:"blank"`      // keys printed blank (stored as 0)
	Incomplete []string           `json:"incomplete"` // parts missing: s2, s3, s4
	Warnings   []string           `json:"warnings"`
	Checks     []Check            `json:"checks"`
	// Copied lists the reports its prose repeats beyond the threshold.
	Copied []CopiedProse `json:"copied,omitempty"`
	// Versions are the reports this one's township-year held before, each
	// replaced by a later file and kept, the last replaced first.
	Versions []ReportVersion `json:"versions"`
}

// ReportVersion is one replaced, kept version of a report.
type ReportVersion struct {
	SourceFile     string    `json:"source_file"`
	SHA256         string    `json:"sha256"`
	LoadedAt       time.Time `json:"loaded_at"`
	LoadedBy       string    `json:"loaded_by,omitempty"`
	ReplacedAt     time.Time `json:"replaced_at"`
	ReplacedBy     string    `json:"replaced_by,omitempty"`      // who ran the replacing run
	ReplacedByFile string    `json:"replaced_by_file,omitempty"` // the file that replaced it
	Forced         bool      `json:"forced"`                     // forced with --replace over fewer parts
}

// ErrNoReport says no report has that id.
var ErrNoReport = errors.New("no such report")

// Report implements Reader.
func (d *DB) Report(ctx context.Context, id int64) (*ReportDetail, error) {
	var r *ReportDetail
	err := d.query(ctx, "report", func(rows *sql.Rows) error {
		r = &ReportDetail{}
		var incomplete, blank, warnings, checks string
		if err := rows.Scan(&r.Name, &r.County, &r.City, &r.Province, &r.ReportID, &r.Org, &r.Year, &r.Template,
			&r.Published, &r.Format, &r.SourceFile, &r.SHA256, &incomplete, &blank, &warnings, &checks); err != nil {
			return err
		}
		return errors.Join(jsonList(incomplete, &r.Incomplete), jsonList(blank, &r.Blank),
			jsonList(warnings, &r.Warnings), jsonList(checks, &r.Checks))
	}, id)
	if err != nil {
		return nil, err
	}
	if r == nil {
		return nil, fmt.Errorf("analytics: report %d: %w", id, ErrNoReport)
	}
	r.Figures = map[string]float64{}
	err = d.query(ctx, "report_figures", func(rows *sql.Rows) error {
		var k string
		var v float64
		if err := rows.Scan(&k, &v); err != nil {
			return err
		}
		r.Figures[k] = v
		return nil
	}, id)
	if err != nil {
		return nil, err
	}
	r.Versions = []ReportVersion{}
	err = d.query(ctx, "report_versions", func(rows *sql.Rows) error {
		var v ReportVersion
		if err := rows.Scan(&v.SourceFile, &v.SHA256, &v.LoadedAt, &v.LoadedBy,
			&v.ReplacedAt, &v.ReplacedBy, &v.ReplacedByFile, &v.Forced); err != nil {
			return err
		}
		r.Versions = append(r.Versions, v)
		return nil
	}, id)
	if err != nil {
		return nil, err
	}
	r.Copied, err = d.copiedProse(ctx, id)
	return r, err
}
