package store

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	sqlfiles "xxgk/sql"
)

// Actions taken on a file, as recorded in ingest_log.
const (
	ActionLoaded    = "loaded"
	ActionReplaced  = "replaced"
	ActionUnchanged = "unchanged"
	ActionRefused   = "refused" // read, but not admitted: see the Reason
	ActionFailed    = "failed"  // could not be read as a report
)

// Reasons a file is refused or failed, so that a page can say them in its
// own words.
const (
	ReasonUnreadable = "unreadable"  // cannot be read, or not a regular file
	ReasonParse      = "parse"       // read, but not as a report (empty, binary, …)
	ReasonNoOrg      = "no_org"      // the report names no body
	ReasonNoYear     = "no_year"     // the report names no year
	ReasonBlank      = "blank"       // a blank form: no figure at all
	ReasonNotReport  = "not_report"  // none of the three tables: a news item, a notice
	ReasonYear       = "year"        // statistics year outside FirstYear…this year
	ReasonFewerParts = "fewer_parts" // would replace a report that holds more parts
	ReasonDuplicate  = "duplicate"   // a second report of the same township-year in one run
)

// Options tune one ingest run.
type Options struct {
	// Regions, when not nil, are merged into the regions already loaded: a
	// body not yet known is added, a known one (same org and county) takes
	// the new placement; no other region is ever removed.
	Regions []Region
	// Replace lets a document replace a loaded report even when it holds
	// fewer of the report's parts. Nothing ever replaces a report with a
	// document that is not a report.
	Replace bool
	// By names who runs the ingest (a login, an account); it is recorded
	// with the run and with every report it replaces.
	By string
	// Progress, if set, is called after each file with the count done.
	Progress func(done, total int)
	// OnFile, if set, is called with what was done with each file.
	OnFile func(FileResult)
	// Checkpoint writes the run into the database file at once, as a large
	// run always does; a small one otherwise stays in DuckDB's write-ahead
	// log (committed and durable) until the log grows. xxgk ingest sets it,
	// so that the file it leaves is whole by itself; a server does not.
	Checkpoint bool
}

// FileResult is what one run did with one file.
type FileResult struct {
	File     string `json:"file"`   // escaped (EscapeName), safe to print
	Action   string `json:"action"` // Action*
	Reason   string `json:"reason,omitempty"`
	Org      string `json:"org,omitempty"`
	Year     int    `json:"year,omitempty"`
	Detail   string `json:"detail,omitempty"`   // why it failed or was refused, what it replaced
	Other    string `json:"other,omitempty"`    // the loaded report's file it replaced or would have replaced
	Unplaced bool   `json:"unplaced,omitempty"` // loaded, but its body is not in the regions
	Flagged  int    `json:"flagged,omitempty"`  // check rows: arithmetic breaches and implausible figures
}

// Summary counts what one run did.
type Summary struct {
	RunID                              int64
	Loaded, Replaced, Unchanged        int
	Refused, Failed, Flagged, Unplaced int
	RegionsAdded                       int
	RegionsChanged                     []RegionChange
	PlacedNow                          int          // reports loaded before, placed by this run's regions
	Notes                              []FileResult // failures, refusals, replacements, unplaced bodies
	Started, Finished                  time.Time
	Committed                          bool // the run is stored, even if a later step (checkpoint) failed
	// Database is the time the run spent in the database, measured where
	// it is spent: adding each file's rows, then everything after the last
	// file (the replaced reports, the materialised tables, the commit and
	// the checkpoint); Materialise is the materialised tables' part of it,
	// CopiedProse the copied-prose measure's (docs/prose.md). Parsing,
	// which runs alongside, is not in it.
	Database, Materialise, CopiedProse time.Duration
	// Tables is Materialise by table (by part, " (whole)", when the run
	// rebuilt them whole).
	Tables []TableTime
	// Steps is Database by step, in the order they ran (xxgk ingest
	// --timings prints them): what a run's database part is made of. The
	// rows' step runs beside the parsing, so its CPU is not its own; the
	// steps after the last file run alone.
	Steps []TableTime
}

// step times one step of the run's database part into sum.Steps.
func (sum *Summary) step(name string) (done func()) {
	start, cpu := time.Now(), processCPU()
	return func() { sum.Steps = append(sum.Steps, TableTime{name, time.Since(start), processCPU() - cpu}) }
}

// ErrCheckpoint marks a failure after the run was committed: the data is
// stored, only writing it into the main file failed (DuckDB replays its
// write-ahead log at the next open).
var ErrCheckpoint = errors.New("checkpoint failed after the run was committed")

// Ingest loads the files at paths; see IngestSources.
func (s *Store) Ingest(ctx context.Context, paths []string, opt Options) (Summary, error) {
	return s.ingest(ctx, sourceSlice(Sources(paths)), opt)
}

// IngestList loads the files of a PathList (a walked folder: xxgk ingest's
// national and million-report runs); see IngestSources.
func (s *Store) IngestList(ctx context.Context, list *PathList, opt Options) (Summary, error) {
	return s.ingest(ctx, list, opt)
}

// IngestSources reads, parses and loads sources in one transaction: either
// every loaded, replaced and logged row lands, or (on error or
// cancellation) nothing does. A file that cannot be read, or is refused,
// is recorded with the reason and does not stop the others. Writes are
// serialised: one run at a time per Store.
func (s *Store) IngestSources(ctx context.Context, srcs []Source, opt Options) (Summary, error) {
	return s.ingest(ctx, sourceSlice(srcs), opt)
}

func (s *Store) ingest(ctx context.Context, srcs sourceList, opt Options) (sum Summary, err error) {
	// A background refresh of m_flags gives the cores to the run, and is
	// asked again after it (flags.go).
	refresher := s.flagsYield()
	s.writing.Lock()
	defer s.writing.Unlock()
	if refresher != nil {
		defer refresher.ended()
	}
	sum = Summary{Started: time.Now()}
	defer func() {
		// A statement cut by the run's cancellation may fail with DuckDB's
		// own "Interrupted!" rather than the context's error: say why.
		if err != nil && ctx.Err() != nil && !errors.Is(err, ctx.Err()) {
			err = fmt.Errorf("%w (%v)", ctx.Err(), err)
		}
	}()
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

	l, err := newLoader(ctx, conn, opt, s.flushEvery)
	if err != nil {
		return sum, err
	}
	defer l.close()
	l.bulk = srcs.Len() >= bulkRun || s.bulkAlways
	sum.RunID = l.runID
	if err := s.load(ctx, l, srcs, opt, &sum); err != nil {
		return sum, err
	}
	after := time.Now() // the files are in: the rest is the database's
	if l.bulk {
		// The parsers' buffers and the run's garbage go back to the
		// system before DuckDB builds the materialised tables, the peak
		// of a national run's memory; a batch of a few reports (a
		// server's) does not pay a collection for it.
		done := sum.step("free Go memory")
		debug.FreeOSMemory()
		done()
	}
	done := sum.step("materialised tables")
	if err := refreshMaterialised(ctx, conn, sum.RunID, sum.movedReports(), &sum.Tables); err != nil {
		return sum, err
	}
	done()
	sum.Materialise = time.Since(after)
	defer func() { sum.Database += time.Since(after) }()
	sum.Finished = time.Now()
	done = sum.step("commit")
	if _, err := conn.ExecContext(ctx, sqlfiles.Query("insert_run"), sum.RunID, sum.Started, sum.Finished,
		sum.Loaded, sum.Replaced, sum.Unchanged, sum.Failed, sum.Flagged, sum.Unplaced, sum.Refused, nullString(opt.By)); err != nil {
		return sum, fmt.Errorf("ingest: record run: %w", err)
	}
	if _, err := conn.ExecContext(ctx, sqlfiles.Query("commit")); err != nil {
		return sum, fmt.Errorf("ingest: commit: %w", err)
	}
	done()
	committed = true
	sum.Committed = true
	s.placer = l.placer
	if s.OnCommit != nil {
		s.OnCommit()
	}
	// Without a background refresher (xxgk ingest), the run's flags at
	// once, before the checkpoint, so that the file it leaves holds them.
	if refresher == nil {
		done := sum.step("m_flags")
		if err := s.RefreshFlags(ctx); err != nil {
			return sum, fmt.Errorf("ingest: %w: %w", ErrFlagsStale, err)
		}
		done()
	}
	// A small run stays in the write-ahead log, committed and durable, and
	// DuckDB folds the log into the file once it grows (its automatic
	// checkpoint): a checkpoint per batch of a few reports costs a second.
	if srcs.Len() < bulkRun && !opt.Checkpoint {
		return sum, nil
	}
	done = sum.step("checkpoint")
	if err := s.checkpoint(ctx, conn); err != nil {
		return sum, fmt.Errorf("ingest: %w (the run is stored): %w", ErrCheckpoint, err)
	}
	done()
	return sum, nil
}

// load merges the run's regions, then reads and adds every source, and
// moves the reports it replaced into the versions tables.
func (s *Store) load(ctx context.Context, l *loader, srcs sourceList, opt Options, sum *Summary) error {
	var err error
	if opt.Regions != nil {
		if sum.RegionsAdded, sum.RegionsChanged, err = l.mergeRegions(ctx, opt.Regions); err != nil {
			return err
		}
	}
	// The regions change only in a run that merges some: the others place
	// with those the last one read (a national database has 40,000).
	cached := s.placer
	if opt.Regions != nil {
		cached = nil
	}
	if err := l.prepare(ctx, srcs, cached); err != nil {
		return err
	}
	if opt.Regions != nil {
		if sum.PlacedNow, err = l.placeLoaded(ctx, sum.RegionsChanged); err != nil {
			return err
		}
	}
	if l.bulk || s.streamAlways {
		held, err := l.heldCounties(ctx)
		if err != nil {
			return err
		}
		if err := l.startStream(held); err != nil {
			return err
		}
	}
	done := 0
	var rows time.Duration
	err = readAll(ctx, srcs, l.known, func(it *item) error {
		start := time.Now()
		defer func() { rows += time.Since(start) }()
		res, err := l.add(ctx, it)
		if err != nil {
			return err
		}
		sum.count(res)
		if opt.OnFile != nil {
			opt.OnFile(res)
		}
		done++
		if opt.Progress != nil {
			opt.Progress(done, srcs.Len())
		}
		return nil
	})
	sum.Database += rows
	sum.Steps = append(sum.Steps, TableTime{Table: "rows, beside the parsing", Time: rows})
	if l.stream != nil {
		sum.Steps = append(sum.Steps, TableTime{Table: "of which copied prose", Time: l.stream.took})
	}
	sum.Steps = append(sum.Steps, TableTime{Table: "of which flushing", Time: l.flushTime})
	if err != nil {
		return err
	}
	start := time.Now()
	defer func() { sum.Database += time.Since(start) }()
	step := sum.step("last rows")
	if err := l.stream.end(); err != nil {
		return err
	}
	if err := l.close(); err != nil {
		return err
	}
	step()
	step = sum.step("replaced reports")
	if err := l.moveReplaced(ctx); err != nil {
		return err
	}
	step()
	copied := time.Now()
	step = sum.step("copied prose")
	err = l.measureCopied(ctx)
	step()
	sum.CopiedProse = time.Since(copied)
	if l.stream != nil {
		sum.CopiedProse += l.stream.took
		s.streamedCounties = len(l.stream.measured())
	}
	return err
}

// movedReports says whether the run's regions added or moved a body or
// placed a loaded report: reports then change county, which only a full
// rebuild of the materialised tables follows.
func (sum *Summary) movedReports() bool {
	return sum.RegionsAdded > 0 || len(sum.RegionsChanged) > 0 || sum.PlacedNow > 0
}

// count adds one file's result to the summary.
func (sum *Summary) count(res FileResult) {
	switch res.Action {
	case ActionLoaded:
		sum.Loaded++
	case ActionReplaced:
		sum.Replaced++
	case ActionUnchanged:
		sum.Unchanged++
	case ActionRefused:
		sum.Refused++
	case ActionFailed:
		sum.Failed++
	}
	if res.Flagged > 0 {
		sum.Flagged++
	}
	if res.Unplaced {
		sum.Unplaced++
	}
	switch {
	case res.Action == ActionFailed || res.Action == ActionRefused || res.Action == ActionReplaced:
		sum.Notes = append(sum.Notes, res)
	case res.Unplaced:
		sum.Notes = append(sum.Notes, res)
	}
}
