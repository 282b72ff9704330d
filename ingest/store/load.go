package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"xxgk/ingest"
	"xxgk/ingest/schema"
	sqlfiles "xxgk/sql"
)

// Actions taken on a file, as recorded in ingest_log.
const (
	ActionLoaded    = "loaded"
	ActionReplaced  = "replaced"
	ActionUnchanged = "unchanged"
	ActionFailed    = "failed"
)

// Options tune one ingest run.
type Options struct {
	// Regions, when not nil, replace the regions in the database before the
	// reports are placed; nil keeps the ones loaded before.
	Regions []Region
	// Progress, if set, is called after each file with the count done.
	Progress func(done, total int)
}

// FileResult is what one run did with one file.
type FileResult struct {
	File   string
	Action string
	Org    string
	Year   int
	Detail string // why it failed, what it replaced, that it is unplaced
}

// Summary counts what one run did.
type Summary struct {
	RunID                                                  int64
	Loaded, Replaced, Unchanged, Failed, Flagged, Unplaced int
	Notes                                                  []FileResult // failures, replacements, unplaced bodies
	Started, Finished                                      time.Time
}

// Ingest parses files and loads them in one transaction: either every
// loaded, replaced and logged row lands, or (on error or cancellation)
// nothing does. A file that cannot be read is recorded as failed and does not
// stop the others.
func (s *Store) Ingest(ctx context.Context, files []string, opt Options) (Summary, error) {
	sum := Summary{Started: time.Now()}
	conn, err := s.DB.Conn(ctx)
	if err != nil {
		return sum, fmt.Errorf("ingest: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, sqlfiles.Query("begin")); err != nil {
		return sum, fmt.Errorf("ingest: begin: %w", err)
	}
	committed := false
	defer func() {
		if !committed {
			// A fresh context: the run's own may be what was cancelled.
			conn.ExecContext(context.Background(), sqlfiles.Query("rollback"))
		}
	}()

	l, err := newLoader(ctx, conn, opt)
	if err != nil {
		return sum, err
	}
	sum.RunID = l.runID
	done := 0
	err = ingest.ParseFiles(ctx, files, func(r *ingest.Report) error {
		if err := l.add(ctx, r, &sum); err != nil {
			return err
		}
		done++
		if opt.Progress != nil {
			opt.Progress(done, len(files))
		}
		return nil
	})
	if err != nil {
		l.close()
		return sum, err
	}
	if err := l.close(); err != nil {
		return sum, err
	}
	sum.Finished = time.Now()
	if _, err := conn.ExecContext(ctx, sqlfiles.Query("insert_run"), sum.RunID, sum.Started, sum.Finished,
		sum.Loaded, sum.Replaced, sum.Unchanged, sum.Failed, sum.Flagged, sum.Unplaced); err != nil {
		return sum, fmt.Errorf("ingest: record run: %w", err)
	}
	if _, err := conn.ExecContext(ctx, sqlfiles.Query("commit")); err != nil {
		return sum, fmt.Errorf("ingest: commit: %w", err)
	}
	committed = true
	if _, err := conn.ExecContext(ctx, sqlfiles.Query("checkpoint")); err != nil {
		return sum, fmt.Errorf("ingest: checkpoint (the data is committed): %w", err)
	}
	return sum, nil
}

// identity is how a report is matched across runs: one report per township
// and year.
type identity struct {
	township, county string
	year             int
}

type existing struct {
	id   int64
	sha  string
	file string
}

// loader appends one run's rows on the run's connection.
type loader struct {
	conn     *sql.Conn
	runID    int64
	nextID   int64
	now      time.Time
	keys     []string
	placer   *placer
	current  map[identity]existing
	thisRun  map[identity]bool
	reports  *duckdb.Appender
	figures  *duckdb.Appender
	checks   *duckdb.Appender
	log      *duckdb.Appender
	regions  *duckdb.Appender
	appended bool
}

func newLoader(ctx context.Context, conn *sql.Conn, opt Options) (*loader, error) {
	l := &loader{conn: conn, now: time.Now(), keys: schema.AllKeys(), current: map[identity]existing{}, thisRun: map[identity]bool{}}
	if err := conn.QueryRowContext(ctx, sqlfiles.Query("max_ids")).Scan(&l.nextID, &l.runID); err != nil {
		return nil, fmt.Errorf("ingest: %w", err)
	}
	l.nextID++
	l.runID++
	if err := l.openAppenders(); err != nil {
		return nil, err
	}
	regions := opt.Regions
	if regions != nil {
		if _, err := conn.ExecContext(ctx, sqlfiles.Query("delete_regions")); err != nil {
			return nil, fmt.Errorf("ingest: regions: %w", err)
		}
		for _, r := range regions {
			if err := l.regions.AppendRow(r.Org, r.Township, r.County, nullString(r.City), nullString(r.Province)); err != nil {
				return nil, fmt.Errorf("ingest: regions: %w", err)
			}
		}
		if err := l.regions.Flush(); err != nil {
			return nil, fmt.Errorf("ingest: regions: %w", err)
		}
	} else {
		var err error
		if regions, err = loadRegions(ctx, conn); err != nil {
			return nil, err
		}
	}
	l.placer = newPlacer(regions)
	rows, err := conn.QueryContext(ctx, sqlfiles.Query("current_reports"))
	if err != nil {
		return nil, fmt.Errorf("ingest: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e existing
		var id identity
		if err := rows.Scan(&e.id, &id.township, &id.county, &id.year, &e.sha, &e.file); err != nil {
			return nil, fmt.Errorf("ingest: %w", err)
		}
		l.current[id] = e
	}
	return l, rows.Err()
}

func loadRegions(ctx context.Context, conn *sql.Conn) ([]Region, error) {
	rows, err := conn.QueryContext(ctx, sqlfiles.Query("regions"))
	if err != nil {
		return nil, fmt.Errorf("ingest: regions: %w", err)
	}
	defer rows.Close()
	var out []Region
	for rows.Next() {
		var r Region
		if err := rows.Scan(&r.Org, &r.Township, &r.County, &r.City, &r.Province); err != nil {
			return nil, fmt.Errorf("ingest: regions: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func (l *loader) openAppenders() error {
	return l.conn.Raw(func(dc any) error {
		c, ok := dc.(driver.Conn)
		if !ok {
			return errors.New("ingest: the database connection is not a DuckDB connection")
		}
		for _, a := range []struct {
			dst   **duckdb.Appender
			table string
		}{{&l.reports, "reports"}, {&l.figures, "figures"}, {&l.checks, "checks"}, {&l.log, "ingest_log"}, {&l.regions, "regions"}} {
			app, err := duckdb.NewAppenderFromConn(c, "", a.table)
			if err != nil {
				return fmt.Errorf("ingest: appender for %s: %w", a.table, err)
			}
			*a.dst = app
		}
		return nil
	})
}

// flush makes appended rows visible to statements on the connection.
func (l *loader) flush() error {
	for _, a := range []*duckdb.Appender{l.reports, l.figures, l.checks, l.log} {
		if err := a.Flush(); err != nil {
			return fmt.Errorf("ingest: %w", err)
		}
	}
	return nil
}

func (l *loader) close() error {
	var errs []error
	for _, a := range []*duckdb.Appender{l.reports, l.figures, l.checks, l.log, l.regions} {
		if a != nil {
			errs = append(errs, a.Close())
		}
	}
	return errors.Join(errs...)
}

// add records one parsed file.
func (l *loader) add(ctx context.Context, r *ingest.Report, sum *Summary) error {
	fail := func(detail string) error {
		detail = strings.TrimPrefix(detail, r.File+": ")
		sum.Failed++
		sum.Notes = append(sum.Notes, FileResult{File: r.File, Action: ActionFailed, Org: r.Org, Year: r.Year, Detail: detail})
		return l.logRow(r.File, ActionFailed, r.Org, r.Year, detail)
	}
	switch {
	case r.Err != nil:
		return fail(r.Err.Error())
	case r.Org == "":
		return fail("the report names no body in its title; put the body's name in the title line and ingest it again")
	case r.Year == 0:
		return fail("neither the title nor the statistics period names the year; add the year to the title and ingest it again")
	case len(r.Figures) == 0:
		return fail("no figure in any table (a blank form?); nothing to load")
	}

	region, placed := l.placer.place(r.Org, r.File)
	if !placed {
		region = Region{Township: baseName(r.Org)}
	}
	id := identity{township: region.Township, county: region.County, year: r.Year}
	if l.thisRun[id] {
		return fail(fmt.Sprintf("a report of %s for %d was already loaded in this run; remove one of the two files", r.Org, r.Year))
	}
	action, detail := ActionLoaded, ""
	if old, ok := l.current[id]; ok {
		if old.sha == r.SHA256 {
			sum.Unchanged++
			l.thisRun[id] = true
			return l.logRow(r.File, ActionUnchanged, r.Org, r.Year, "")
		}
		if err := l.deleteReport(ctx, old.id); err != nil {
			return err
		}
		action = ActionReplaced
		detail = fmt.Sprintf("replaces %s (sha256 %.12s…)", old.file, old.sha)
	}
	l.thisRun[id] = true
	reportID := l.nextID
	l.nextID++
	if err := l.appendReport(reportID, r, region, placed); err != nil {
		return err
	}
	switch action {
	case ActionLoaded:
		sum.Loaded++
	case ActionReplaced:
		sum.Replaced++
		sum.Notes = append(sum.Notes, FileResult{File: r.File, Action: action, Org: r.Org, Year: r.Year, Detail: detail})
	}
	if len(r.Checks) > 0 {
		sum.Flagged++
	}
	if !placed {
		sum.Unplaced++
		msg := "not in regions.csv: loaded unplaced"
		sum.Notes = append(sum.Notes, FileResult{File: r.File, Action: action, Org: r.Org, Year: r.Year, Detail: msg})
		if detail != "" {
			detail += "; "
		}
		detail += msg
	}
	return l.logRow(r.File, action, r.Org, r.Year, detail)
}

func (l *loader) deleteReport(ctx context.Context, id int64) error {
	if err := l.flush(); err != nil {
		return err
	}
	for _, q := range []string{"delete_report_figures", "delete_report_checks", "delete_report"} {
		if _, err := l.conn.ExecContext(ctx, sqlfiles.Query(q), id); err != nil {
			return fmt.Errorf("ingest: replace report %d: %w", id, err)
		}
	}
	return nil
}

func (l *loader) appendReport(id int64, r *ingest.Report, region Region, placed bool) error {
	var published any
	if t, err := time.Parse("2006-01-02", r.Published); err == nil {
		published = t
	}
	var county any
	if placed {
		county = region.County
	}
	if err := l.reports.AppendRow(id, r.Org, region.Township, county, nullString(region.City), nullString(region.Province),
		placed, int32(r.Year), nullString(r.Template), published, r.Format, r.File, r.SHA256, l.now, ingest.Version,
		nonNil(r.Incomplete), nonNil(r.Blank), nonNil(r.Warnings), l.runID); err != nil {
		return fmt.Errorf("ingest: %s: report row: %w", r.File, err)
	}
	row := make([]driver.Value, 0, len(l.keys)+1)
	row = append(row, id)
	for _, k := range l.keys {
		if v, ok := r.Figures[k]; ok {
			row = append(row, v)
		} else {
			row = append(row, nil)
		}
	}
	if err := l.figures.AppendRow(row...); err != nil {
		return fmt.Errorf("ingest: %s: figures row: %w", r.File, err)
	}
	for _, c := range r.Checks {
		if err := l.checks.AppendRow(id, int32(c.Rule), c.Where, c.Expected, c.Found); err != nil {
			return fmt.Errorf("ingest: %s: check row: %w", r.File, err)
		}
	}
	return nil
}

func (l *loader) logRow(file, action, org string, year int, detail string) error {
	var y any
	if year != 0 {
		y = int32(year)
	}
	if err := l.log.AppendRow(l.runID, file, action, nullString(org), y, nullString(detail)); err != nil {
		return fmt.Errorf("ingest: log: %w", err)
	}
	return nil
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
