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

// bulkRun is the number of files from which a run reads every current
// report's identity at once instead of asking per file: a batch of a few
// reports into a national database must not load 275,000 identities, and a
// national run must not ask 275,000 times.
const bulkRun = 2000

// identity is how a report is matched across runs: one report per township
// and year.
type identity struct {
	township, county string
	year             int
}

type existing struct {
	id         int64
	sha        string
	file       string
	incomplete []string
}

// loader appends one run's rows on the run's connection.
type loader struct {
	conn    *sql.Conn
	opt     Options
	runID   int64
	nextID  int64
	now     time.Time
	keys    []string
	placer  *placer
	known   knownFiles   // files of the batch the store holds
	current *heldReports // every current report, in a bulk run; nil otherwise
	// bulk says the run reads every known file and current identity at
	// once (bulkRun), and measures copied prose as its reports stream in.
	bulk bool
	// countyReports holds, in a small run, the current reports of each
	// county a file of the run belongs to, read when the first such file
	// is added (countiesRead).
	countyReports map[identity]existing
	countiesRead  map[string]bool
	thisRun       *runSet
	replaced      []replaced // reports this run replaces, moved at its end
	reports       *duckdb.Appender
	figures       *duckdb.Appender
	checks        *duckdb.Appender
	log           *duckdb.Appender
	regions       *duckdb.Appender
	prose         *duckdb.Appender
	stated        *duckdb.Appender
	// touched lists the counties (and unplaced bodies) whose reports this
	// run loaded: their copied-prose measures are computed again.
	touched touchedSet
	// figureRow is the figures row being appended, reused.
	figureRow []driver.Value
	// stream measures copied prose as a bulk run's reports come in; nil
	// in a small run.
	stream *copiedStream
	// unflushed counts the reports appended since the appenders last
	// handed their rows to the transaction; flushEvery is when they do.
	unflushed, flushEvery int
	flushTime             time.Duration // spent in flush, for Summary.Steps
	closed                bool
}

// defaultFlushEvery is how many reports the appenders hold before they hand their
// rows to the run's transaction. DuckDB's appender keeps what it is given
// in its own buffer, outside the memory limit, until it holds 204,800 rows
// or is flushed: a national run's wide figures rows took about 1 GB there.
// Flushed, the rows are the transaction's, in blocks DuckDB's memory limit
// governs (spilled to the temporary folder, or written to the file
// compressed once a row group of 122,880 rows is full).
const defaultFlushEvery = 2048

// flush hands the appenders' rows to the transaction.
func (l *loader) flush() error {
	l.unflushed = 0
	start := time.Now()
	defer func() { l.flushTime += time.Since(start) }()
	for _, a := range l.appenders() {
		if err := a.Flush(); err != nil {
			return fmt.Errorf("ingest: append: %w", err)
		}
	}
	return nil
}

func (l *loader) appenders() []*duckdb.Appender {
	list := []*duckdb.Appender{l.reports, l.figures, l.checks, l.log, l.regions, l.prose, l.stated}
	if l.stream != nil {
		list = append(list, l.stream.app)
	}
	return list
}

func newLoader(ctx context.Context, conn *sql.Conn, opt Options, flushEvery int) (*loader, error) {
	l := &loader{conn: conn, opt: opt, now: time.Now(), keys: schema.AllKeys(), thisRun: newRunSet(), flushEvery: flushEvery}
	if l.flushEvery <= 0 {
		l.flushEvery = defaultFlushEvery
	}
	if err := conn.QueryRowContext(ctx, sqlfiles.Query("max_ids")).Scan(&l.nextID, &l.runID); err != nil {
		return nil, fmt.Errorf("ingest: %w", err)
	}
	l.nextID++
	l.runID++
	if err := l.openAppenders(); err != nil {
		return nil, err
	}
	return l, nil
}

// prepare reads what the run needs of the database: the regions, what is
// known of the batch's files, and in a bulk run every current identity.
func (l *loader) prepare(ctx context.Context, srcs sourceList, cached *placer) error {
	var err error
	if l.placer = cached; l.placer == nil {
		regions, err := loadRegions(ctx, l.conn)
		if err != nil {
			return err
		}
		l.placer = newPlacer(regions)
	}
	if l.bulk {
		l.current, err = loadHeld(ctx, l.conn)
		l.known = l.current
		return err
	}
	names := make([]string, srcs.Len())
	for i := range names {
		names[i] = srcs.source(i).name()
	}
	l.countyReports, l.countiesRead = map[identity]existing{}, map[string]bool{}
	l.known, err = l.knownFiles(ctx, "known_files", names)
	return err
}

func (l *loader) knownFiles(ctx context.Context, query string, args ...any) (knownMap, error) {
	rows, err := l.conn.QueryContext(ctx, sqlfiles.Query(query), args...)
	if err != nil {
		return nil, fmt.Errorf("ingest: known files: %w", err)
	}
	defer rows.Close()
	known := knownMap{}
	for rows.Next() {
		var name string
		var f fileState
		if err := rows.Scan(&name, &f.size, &f.mtime, &f.sha, &f.id.township, &f.id.county, &f.id.year); err != nil {
			return nil, fmt.Errorf("ingest: known files: %w", err)
		}
		f.mtime = mtimeKey(f.mtime)
		known[name] = f
	}
	return known, rows.Err()
}

// readCountyReports adds the current reports of a county (the empty name:
// the unplaced) to l.countyReports.
func (l *loader) readCountyReports(ctx context.Context, county string) error {
	rows, err := l.conn.QueryContext(ctx, sqlfiles.Query("current_reports_of"), county)
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e existing
		var id identity
		var inc []any
		if err := rows.Scan(&e.id, &id.township, &id.county, &id.year, &e.sha, &e.file, &inc); err != nil {
			return fmt.Errorf("ingest: %w", err)
		}
		e.incomplete = strs(inc)
		l.countyReports[id] = e
	}
	return rows.Err()
}

// lookup returns the current report of a township-year, as it was when
// the run began (a second file of the same township-year in one run is
// refused before it asks). A small run reads a county's current reports
// at its first file: one scan of reports, which a lookup per file repeated
// (about 3 ms each in a national database: no zone map skips a
// parameter's rows).
func (l *loader) lookup(ctx context.Context, id identity) (existing, bool, error) {
	if l.current != nil {
		e, ok := l.current.lookup(id)
		return e, ok, nil
	}
	if !l.countiesRead[id.county] {
		if err := l.readCountyReports(ctx, id.county); err != nil {
			return existing{}, false, err
		}
		l.countiesRead[id.county] = true
	}
	e, ok := l.countyReports[id]
	return e, ok, nil
}

func strs(list []any) []string {
	out := make([]string, 0, len(list))
	for _, v := range list {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func loadRegions(ctx context.Context, conn *sql.Conn) ([]Region, error) {
	rows, err := conn.QueryContext(ctx, sqlfiles.Query("regions"))
	if err != nil {
		return nil, fmt.Errorf("ingest: regions: %w", err)
	}
	defer rows.Close()
	var out []Region
	// A county, city, province and kind is shared by many bodies: one
	// string each rather than one per body (a million-report corpus lists
	// 144,000 bodies, which the run holds throughout).
	shared := map[string]string{}
	intern := func(s *string) {
		if v, ok := shared[*s]; ok {
			*s = v
		} else {
			shared[*s] = *s
		}
	}
	for rows.Next() {
		var r Region
		if err := rows.Scan(&r.Org, &r.Township, &r.County, &r.City, &r.Province, &r.Kind); err != nil {
			return nil, fmt.Errorf("ingest: regions: %w", err)
		}
		intern(&r.County)
		intern(&r.City)
		intern(&r.Province)
		intern(&r.Kind)
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
		}{{&l.reports, "reports"}, {&l.figures, "figures"}, {&l.checks, "checks"}, {&l.log, "ingest_log"}, {&l.regions, "regions"},
			{&l.prose, "report_prose"}, {&l.stated, "stated_figures"}} {
			app, err := duckdb.NewAppenderFromConn(c, "", a.table)
			if err != nil {
				return fmt.Errorf("ingest: appender for %s: %w", a.table, err)
			}
			*a.dst = app
		}
		return nil
	})
}

func (l *loader) close() error {
	if l.closed {
		return nil
	}
	l.closed = true
	var errs []error
	for _, a := range l.appenders() {
		if a != nil {
			errs = append(errs, a.Close())
		}
	}
	return errors.Join(errs...)
}

// add records one file and says what was done with it.
func (l *loader) add(ctx context.Context, it *item) (FileResult, error) {
	res := FileResult{File: it.name}
	if it.err != nil {
		return l.fail(res, ActionFailed, ReasonUnreadable, it.err.Error())
	}
	if it.unchanged != nil {
		// Same name, size, time and bytes as loaded: not parsed, not logged.
		l.thisRun.add(it.unchanged.id)
		res.Action, res.Year = ActionUnchanged, it.unchanged.id.year
		return res, nil
	}
	r := it.report
	res.Org, res.Year = r.Org, r.Year
	if action, reason, detail := admission(r, it.name, l.now); action != "" {
		return l.fail(res, action, reason, detail)
	}
	region, placed := l.placer.place(r.Org, it.name)
	if !placed {
		region = Region{Township: baseName(r.Org)}
	}
	id := identity{township: region.Township, county: region.County, year: r.Year}
	if l.thisRun.has(id) {
		return l.fail(res, ActionRefused, ReasonDuplicate,
			fmt.Sprintf("a report of %s for %d was already loaded in this run; remove one of the two files", r.Org, r.Year))
	}
	old, replacing, err := l.lookup(ctx, id)
	if err != nil {
		return res, err
	}
	res.Action = ActionLoaded
	var detail string
	if replacing {
		res.Other = old.file
		if old.sha == r.SHA256 {
			return l.unchanged(ctx, res, it, old, id)
		}
		if miss := lacking(old.incomplete, r.Incomplete); len(miss) > 0 && !l.opt.Replace {
			return l.fail(res, ActionRefused, ReasonFewerParts, fmt.Sprintf(
				"holds only part of what the loaded report of %s %d holds (%s lacks part %s that %s holds whole); "+
					"the loaded report stays; use --replace to replace it anyway",
				r.Org, r.Year, it.name, strings.Join(miss, ", "), old.file))
		}
		forced := len(lacking(old.incomplete, r.Incomplete)) > 0
		l.replace(old.id, it.name, forced)
		res.Action = ActionReplaced
		detail = fmt.Sprintf("replaces %s (sha256 %.12s…, kept as an earlier version)", old.file, old.sha)
		if forced {
			detail += "; forced with --replace"
		}
	}
	l.thisRun.add(id)
	flags := append(append([]schema.Violation{}, r.Checks...), it.implausible...)
	res.Flagged = len(flags)
	if err := l.appendReport(it, region, placed, flags); err != nil {
		return res, err
	}
	if !placed {
		res.Unplaced = true
		if detail != "" {
			detail += "; "
		}
		detail += "not in regions.csv: loaded unplaced"
	}
	res.Detail = detail
	return res, l.logRow(res)
}

// admission says why a parsed file is not loaded (failed: it could not be
// read as a report; refused: it is not one, or not of a possible year), or
// "" when it may be.
func admission(r *ingest.Report, name string, now time.Time) (action, reason, detail string) {
	switch {
	case errors.Is(r.Err, ingest.ErrNotReport):
		return ActionRefused, ReasonNotReport, errText(r.Err, name)
	case r.Err != nil:
		return ActionFailed, ReasonParse, errText(r.Err, name)
	case r.Org == "":
		return ActionFailed, ReasonNoOrg, "the report names no body in its title; put the body's name in the title line and ingest it again"
	case r.Year == 0:
		return ActionFailed, ReasonNoYear, "neither the title nor the statistics period names the year; add the year to the title and ingest it again"
	case len(r.Figures) == 0:
		return ActionFailed, ReasonBlank, "no figure in any table (a blank form?); nothing to load"
	}
	if reason, detail := refusal(r, now); reason != "" {
		return ActionRefused, reason, detail
	}
	return "", "", ""
}

// unchanged records a file whose bytes are those of the loaded report: it
// remembers the file's size and time when it is the same file, so that the
// next run does not parse it either.
func (l *loader) unchanged(ctx context.Context, res FileResult, it *item, old existing, id identity) (FileResult, error) {
	l.thisRun.add(id)
	res.Action, res.Other = ActionUnchanged, ""
	if old.file == it.name {
		if _, err := l.conn.ExecContext(ctx, sqlfiles.Query("touch_report_file"), it.size, it.mtime, old.id); err != nil {
			return res, fmt.Errorf("ingest: %w", err)
		}
	}
	return res, nil
}

// fail records a file that is not loaded.
func (l *loader) fail(res FileResult, action, reason, detail string) (FileResult, error) {
	res.Action, res.Reason, res.Detail = action, reason, detail
	return res, l.logRow(res)
}

// errText is a parse error without the file name it starts with: messages
// name the file once.
func errText(err error, name string) string {
	return strings.TrimPrefix(err.Error(), name+": ")
}

// replace marks a report to move, with its figures and checks, into the
// versions tables when the run's rows are in (moveReplaced): a few
// statements per run instead of per report, which on the wide figures
// table cost tens of milliseconds each.
func (l *loader) replace(id int64, by string, forced bool) {
	l.replaced = append(l.replaced, replaced{id, by, forced})
}

type replaced struct {
	id     int64
	by     string
	forced bool
}

// moveReplaced moves the reports the run replaced into the versions tables.
func (l *loader) moveReplaced(ctx context.Context) error {
	if len(l.replaced) == 0 {
		return nil
	}
	ids, files, forced := make([]int64, len(l.replaced)), make([]string, len(l.replaced)), make([]bool, len(l.replaced))
	for i, r := range l.replaced {
		ids[i], files[i], forced[i] = r.id, r.by, r.forced
	}
	steps := []struct {
		query string
		args  []any
	}{
		{"keep_report_version", []any{l.now, nullString(l.opt.By), l.runID, ids, files, forced}},
		{"keep_figure_version", []any{ids}},
		{"keep_check_version", []any{ids}},
		{"keep_prose_version", []any{ids}},
		{"keep_stated_version", []any{ids}},
		{"delete_report_figures", []any{ids}},
		{"delete_report_checks", []any{ids}},
		{"delete_report_prose", []any{ids}},
		{"delete_report_stated", []any{ids}},
		{"delete_prose_similarity", []any{ids}},
		{"delete_report", []any{ids}},
	}
	for _, s := range steps {
		if _, err := l.conn.ExecContext(ctx, sqlfiles.Query(s.query), s.args...); err != nil {
			return fmt.Errorf("ingest: keep the %d replaced reports (%s): %w", len(ids), s.query, err)
		}
	}
	return nil
}

func (l *loader) appendReport(it *item, region Region, placed bool, flags []schema.Violation) error {
	r := it.report
	id := l.nextID
	l.nextID++
	var published any
	if t, err := time.Parse("2006-01-02", r.Published); err == nil {
		published = t
	}
	var county any
	if placed {
		county = region.County
	}
	if err := l.reports.AppendRow(id, r.Org, region.Township, county, nullString(region.City), nullString(region.Province),
		placed, int32(r.Year), nullString(r.Template), published, r.Format, it.name, r.SHA256, l.now, ingest.Version,
		nonNil(r.Incomplete), nonNil(r.Blank), nonNil(r.Warnings), l.runID, it.size, it.mtime); err != nil {
		return fmt.Errorf("ingest: %s: report row: %w", it.name, err)
	}
	// One row slice for the run: the appender copies the values.
	row := append(l.figureRow[:0], id)
	for _, k := range l.keys {
		if v, ok := r.Figures[k]; ok {
			row = append(row, figureValue(v))
		} else {
			row = append(row, nil)
		}
	}
	l.figureRow = row
	if err := l.figures.AppendRow(row...); err != nil {
		return fmt.Errorf("ingest: %s: figures row: %w", it.name, err)
	}
	for _, c := range flags {
		if err := l.checks.AppendRow(id, int32(c.Rule), c.Where, c.Expected, c.Found); err != nil {
			return fmt.Errorf("ingest: %s: check row: %w", it.name, err)
		}
	}
	if err := l.touch(region, placed, proseDoc{id: id, township: region.Township, year: r.Year, fp: it.fp}); err != nil {
		return err
	}
	if err := l.appendProse(it.name, id, r); err != nil {
		return err
	}
	if l.unflushed++; l.unflushed >= l.flushEvery {
		return l.flush()
	}
	return nil
}

func (l *loader) logRow(res FileResult) error {
	var y any
	if res.Year != 0 {
		y = int32(res.Year)
	}
	if err := l.log.AppendRow(l.runID, res.File, res.Action, nullString(res.Org), y, nullString(res.Detail)); err != nil {
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
