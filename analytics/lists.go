package analytics

import (
	"context"
	"database/sql"
)

// ZeroActivity implements Reader.
func (d *DB) ZeroActivity(ctx context.Context, q ListQuery) (List[ZeroActivity], error) {
	out := List[ZeroActivity]{Rows: []ZeroActivity{}}
	year, err := d.latestYear(ctx, q.Year)
	if err != nil {
		return out, err
	}
	err = d.query(ctx, "zero_activity", func(rows *sql.Rows) error {
		var z ZeroActivity
		if err := rows.Scan(&z.Name, &z.County, &z.City, &z.Province, &z.Org, &z.ReportID, &z.Year,
			&z.ProactiveItems, &z.Streak, &z.StreakStart, &out.Total); err != nil {
			return err
		}
		out.Rows = append(out.Rows, z)
		return nil
	}, year, q.County, limit(q.Limit), q.Province, q.City)
	return out, err
}

// Missing implements Reader.
func (d *DB) Missing(ctx context.Context, q ListQuery) (List[MissingReport], error) {
	out := List[MissingReport]{Rows: []MissingReport{}}
	err := d.query(ctx, "missing", func(rows *sql.Rows) error {
		var m MissingReport
		if err := rows.Scan(&m.Name, &m.County, &m.City, &m.Province, &m.Org, &m.Year,
			&m.NeverReported, &m.LastReportYear, &out.Total); err != nil {
			return err
		}
		out.Rows = append(out.Rows, m)
		return nil
	}, q.Year, q.County, limit(q.Limit), q.Province, q.City)
	return out, err
}

// Quality implements Reader.
func (d *DB) Quality(ctx context.Context, q ListQuery) (List[QualityIssue], error) {
	out := List[QualityIssue]{Rows: []QualityIssue{}}
	err := d.query(ctx, "quality", func(rows *sql.Rows) error {
		var i QualityIssue
		var incomplete, checks string
		if err := rows.Scan(&i.Name, &i.County, &i.City, &i.Province, &i.Org, &i.ReportID, &i.Year,
			&i.Template, &i.SourceFile, &incomplete, &checks, &out.Total); err != nil {
			return err
		}
		if err := jsonList(incomplete, &i.Incomplete); err != nil {
			return err
		}
		if err := jsonList(checks, &i.Checks); err != nil {
			return err
		}
		out.Rows = append(out.Rows, i)
		return nil
	}, q.Year, q.County, limit(q.Limit), q.Province, q.City)
	return out, err
}

// Rollups implements Reader.
func (d *DB) Rollups(ctx context.Context, q RollupQuery) ([]Rollup, error) {
	level := q.Level
	switch level {
	case LevelCounty, LevelCity, LevelProvince, LevelAll:
	case "":
		level = LevelAll
	default:
		return nil, &LevelError{level}
	}
	out := []Rollup{}
	err := d.query(ctx, "rollups", func(rows *sql.Rows) error {
		var r Rollup
		if err := rows.Scan(&r.Level, &r.Province, &r.City, &r.County, &r.Year,
			&r.Townships, &r.Reports, &r.Missing, &r.ZeroActivity, &r.Flagged,
			&r.ProactiveItems, &r.ProactiveItemsMean, &r.DocumentsIssued, &r.Decisions,
			&r.RequestsNew, &r.RequestsReceived, &r.RequestsProcessed, &r.GrantedOrPartial, &r.GrantRate,
			&r.AppealsTotal, &r.AppealsCorrected, &r.AppealsConcluded, &r.CorrectionRate,
			&r.ActivityIndexMean); err != nil {
			return err
		}
		out = append(out, r)
		return nil
	}, string(level), q.Year, q.Province, q.City, q.County, limit(q.Limit))
	return out, err
}

// LevelError reports an unknown roll-up level.
type LevelError struct{ Level Level }

func (e *LevelError) Error() string {
	return "analytics: unknown roll-up level " + string(e.Level) + "; use county, city, province or all"
}
