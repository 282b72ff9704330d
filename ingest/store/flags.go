package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"sync"
	"time"

	sqlfiles "xxgk/sql"
)

// m_flags holds the rows of the view flags, which review_queue, the
// scorecards and the review decisions read (analytics/flagsource.go). The
// view computes whole-country things a county's filter does not cut (the
// pairs of consecutive years, the peers' quartiles, the missing years), so
// a county's flags cost about 0.2 s of CPU and the whole country 4 s;
// from the table, a few ms.
//
// It is not refreshed inside a run's transaction, which would make every
// batch pay for it (a county's refresh 0.4–0.7 s of CPU there, where the
// run's other tables cost 0.3 s), but after the commit:
//
//   - the run marks the counties of its changed reports stale in
//     m_flags_stale, in its own transaction (refreshMaterialised), and
//     every county's missing flags when the span of years moves (every
//     township's missing years change), or m_flags whole when its other
//     tables are rebuilt whole;
//   - readers read the view wherever a mark covers their area, so a mark
//     and the run's reports become visible at the same instant, and no
//     reader sees flags of other reports than those it sees;
//   - after the commit, RefreshFlags recomputes the marked counties from
//     the view, each in a transaction that also removes its marks.
//
// A run killed between the two commits leaves its marks; the next Open
// refreshes them, and meanwhile readers read the view.

// ErrFlagsStale marks a failure to refresh m_flags after a run was
// committed: the run is stored, and the pages read the flags from their
// view until the next open refreshes the table.
var ErrFlagsStale = errors.New("the flags table was not refreshed after the run was committed (pages read the flags view until the next open)")

// flagsChunkReports bounds a whole build's part: the counties of about
// this many reports at a time (the whole national database in one
// statement peaked at 1 GB with DuckDB's limit at 384 MB; half of it at
// 553 MB).
const flagsChunkReports = 100_000

// flagsDefinitions hashes what m_flags is built from: the views and the
// statements that fill it. Other definitions (a newer xxgk) rebuild it.
func flagsDefinitions() (string, error) {
	files, err := fs.Glob(sqlfiles.FS, "queries/materialise/*/flags*.sql")
	if err != nil {
		return "", err
	}
	var statements []string
	for _, f := range files {
		b, err := fs.ReadFile(sqlfiles.FS, f)
		if err != nil {
			return "", err
		}
		statements = append(statements, string(b))
	}
	return hashDefinitions(statements)
}

// ensureFlags creates m_flags and its marks when they are missing (a new
// database, or one of an older xxgk), and marks m_flags stale whole when
// it was built from other definitions. It runs at open, before any reader.
func ensureFlags(ctx context.Context, db *sql.DB) error {
	want, err := flagsDefinitions()
	if err != nil {
		return err
	}
	for _, q := range []string{"materialise/build/flags_stale", "materialise/build/flags_state"} {
		if _, err := db.ExecContext(ctx, sqlfiles.Query(q)); err != nil {
			return fmt.Errorf("store: m_flags: %w", err)
		}
	}
	var tables int
	if err := db.QueryRowContext(ctx, sqlfiles.Query("materialise/is_table"), "m_flags").Scan(&tables); err != nil {
		return fmt.Errorf("store: m_flags: %w", err)
	}
	var have string
	if tables == 1 {
		if err := db.QueryRowContext(ctx, sqlfiles.Query("materialise/flags_state")).Scan(&have); err != nil {
			return fmt.Errorf("store: m_flags: %w", err)
		}
	}
	if have == want {
		return nil
	}
	// Empty, with the view's columns as they are now, and stale whole.
	for _, q := range []string{"materialise/build/flags", "materialise/flags_mark_whole"} {
		if _, err := db.ExecContext(ctx, sqlfiles.Query(q)); err != nil {
			return fmt.Errorf("store: m_flags: %w", err)
		}
	}
	return nil
}

// markFlagsStale marks, in a run's transaction, what of m_flags its
// changed reports (m_changed) make stale: everything (whole), or their
// counties, and every county's missing flags too when the span of years
// moved.
func markFlagsStale(ctx context.Context, c conn, whole, spanMoved bool) error {
	qs := []string{"materialise/flags_mark_changed"}
	switch {
	case whole:
		qs = []string{"materialise/flags_mark_whole"}
	case spanMoved:
		qs = append(qs, "materialise/flags_mark_missing")
	}
	for _, q := range qs {
		if _, err := c.ExecContext(ctx, sqlfiles.Query(q)); err != nil {
			return fmt.Errorf("store: mark m_flags stale: %w", err)
		}
	}
	return nil
}

// RefreshFlags brings m_flags up to date with the committed reports: the
// counties marked stale, or the whole table when it is marked whole. The
// marks a run commits meanwhile stay for the next call. Calls are
// serialised; runs are not held up by it (they only add marks).
func (s *Store) RefreshFlags(ctx context.Context) error {
	s.flagging.Lock()
	defer s.flagging.Unlock()
	conn, err := s.DB.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: refresh m_flags: %w", err)
	}
	defer conn.Close()
	whole, missing, counties, err := staleFlags(ctx, conn)
	if err != nil {
		return err
	}
	if whole {
		chunk := s.flagsChunk
		if chunk <= 0 {
			chunk = flagsChunkReports
		}
		return buildFlags(ctx, conn, chunk)
	}
	if missing {
		if err := refreshFlagsOf(ctx, conn, "missing", nil); err != nil {
			return err
		}
	}
	for _, county := range counties {
		suffix, args := "county", []any{county.String}
		if !county.Valid {
			suffix, args = "unplaced", nil
		}
		if err := refreshFlagsOf(ctx, conn, suffix, args); err != nil {
			return fmt.Errorf("%w (%s)", err, nameOr(county))
		}
	}
	return nil
}

// staleFlags reads the marks: whether m_flags is stale whole, else
// whether every county's missing flags are, and which counties are (a
// NULL one: the unplaced bodies).
func staleFlags(ctx context.Context, c conn) (whole, missing bool, counties []sql.NullString, err error) {
	rows, err := c.QueryContext(ctx, sqlfiles.Query("materialise/flags_stale"))
	if err != nil {
		return false, false, nil, fmt.Errorf("store: refresh m_flags: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var county, kind sql.NullString
		var w bool
		if err := rows.Scan(&county, &w, &kind); err != nil {
			return false, false, nil, fmt.Errorf("store: refresh m_flags: %w", err)
		}
		switch {
		case w:
			whole = true
		case kind.Valid: // 'missing', the one kind marked alone
			missing = true
		default:
			counties = append(counties, county)
		}
	}
	return whole, missing, counties, rows.Err()
}

// inTransaction runs steps in one transaction of c.
func inTransaction(ctx context.Context, c conn, steps func() error) error {
	if _, err := c.ExecContext(ctx, sqlfiles.Query("begin")); err != nil {
		return err
	}
	if err := steps(); err != nil {
		c.ExecContext(context.WithoutCancel(ctx), sqlfiles.Query("rollback"))
		return err
	}
	if _, err := c.ExecContext(ctx, sqlfiles.Query("commit")); err != nil {
		c.ExecContext(context.WithoutCancel(ctx), sqlfiles.Query("rollback"))
		return err
	}
	return nil
}

// refreshFlagsOf recomputes a part of m_flags and removes its marks, in
// one transaction: suffix names the part's statements (clear/flags_X,
// fill/flags_X, flags_done_X): a county ($1), the unplaced bodies, or
// every county's missing flags.
func refreshFlagsOf(ctx context.Context, c conn, suffix string, args []any) error {
	err := inTransaction(ctx, c, func() error {
		for _, q := range []string{"clear/flags_", "fill/flags_", "flags_done_"} {
			if _, err := c.ExecContext(ctx, sqlfiles.Query("materialise/"+q+suffix), args...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: refresh m_flags (%s): %w", suffix, err)
	}
	return nil
}

func nameOr(county sql.NullString) string {
	if county.Valid {
		return county.String
	}
	return "the unplaced bodies"
}

// buildFlags builds m_flags whole, in one transaction, in parts of about
// chunk reports (ranges of counties, then the unplaced bodies), and removes
// every mark it could see.
func buildFlags(ctx context.Context, c conn, chunk int) error {
	restore, err := buildMemory(ctx, c)
	if err != nil {
		return fmt.Errorf("store: build m_flags: %w", err)
	}
	defer restore()
	defs, err := flagsDefinitions()
	if err != nil {
		return err
	}
	err = inTransaction(ctx, c, func() error {
		if _, err := c.ExecContext(ctx, sqlfiles.Query("materialise/clear/flags_all")); err != nil {
			return err
		}
		bounds, err := countyChunks(ctx, c, chunk)
		if err != nil {
			return err
		}
		for _, b := range bounds {
			if _, err := c.ExecContext(ctx, sqlfiles.Query("materialise/fill/flags_counties"), b[0], b[1]); err != nil {
				return fmt.Errorf("counties after %q up to %q: %w", b[0], b[1], err)
			}
		}
		steps := []struct {
			q    string
			args []any
		}{
			{"fill/flags_unplaced", nil},
			{"flags_done_all", nil},
			{"flags_state_clear", nil},
			{"flags_state_record", []any{defs}},
		}
		for _, st := range steps {
			if _, err := c.ExecContext(ctx, sqlfiles.Query("materialise/"+st.q), st.args...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: build m_flags: %w", err)
	}
	return nil
}

// countyChunks splits the counties, in order, into ranges of about chunk
// reports: each (after, upTo], an empty bound open, the first open below
// and the last above, so that together they take every county, those of
// no report (a region's) included.
func countyChunks(ctx context.Context, c conn, chunk int) ([][2]string, error) {
	rows, err := c.QueryContext(ctx, sqlfiles.Query("materialise/flags_county_sizes"))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var bounds [][2]string
	after, n := "", 0
	for rows.Next() {
		var county string
		var reports int
		if err := rows.Scan(&county, &reports); err != nil {
			return nil, err
		}
		n += reports
		if n >= chunk {
			bounds = append(bounds, [2]string{after, county})
			after, n = county, 0
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return append(bounds, [2]string{after, ""}), nil
}

// flagsIdle is how long the background refresher waits after a run's
// commit for the writer to stay idle before it refreshes m_flags: a county
// office's batches often come one after another, and each would otherwise
// share the cores with the refresh of the one before (a county's flags
// cost 0.3–0.6 s of CPU in a server; its batch about 1 s).
const flagsIdle = time.Second

// flagRefresher is a store's background refresher of m_flags
// (RefreshFlagsInBackground).
type flagRefresher struct {
	kick chan struct{} // a run ended: refresh once the writer is idle
	mu   sync.Mutex
	// cancel ends the refresh under way, nil when none: a run that starts
	// calls it, so that a batch never shares the cores with a refresh
	// (whose transaction rolls back; its marks stay for the next).
	cancel context.CancelFunc
	// runs is how many runs are under way: a refresh waits for none.
	runs int
}

// ask asks for a refresh (a run ended), unless one is already asked for:
// it reads every mark.
func (f *flagRefresher) ask() {
	select {
	case f.kick <- struct{}{}:
	default:
	}
}

// yield cancels the refresh under way, if any: a run is starting.
func (f *flagRefresher) yield() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.runs++
	if f.cancel != nil {
		f.cancel()
		f.cancel = nil
	}
}

// ended asks for a refresh after a run that yield announced.
func (f *flagRefresher) ended() {
	f.mu.Lock()
	f.runs--
	f.mu.Unlock()
	f.ask()
}

// start registers the refresh about to run, unless a run is under way
// (its end asks again).
func (f *flagRefresher) start(cancel context.CancelFunc) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.runs > 0 {
		return false
	}
	f.cancel = cancel
	return true
}

// RefreshFlagsInBackground makes the store refresh m_flags on a goroutine
// of its own after its runs (a server: a run's answer does not wait for
// it), once the writer has been idle for flagsIdle, and once at first (marks
// left by a process killed between a run's commit and its refresh, or a
// whole build after other definitions). A run that starts cancels the
// refresh under way, which starts again after it. onError hears of a
// refresh that failed otherwise; the marks stay, and the next run's
// refresh tries again. It begins once begin is closed (a server's pages
// built: their memory and a whole build's add up). stop ends it and waits.
func (s *Store) RefreshFlagsInBackground(begin <-chan struct{}, onError func(error)) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	f := &flagRefresher{kick: make(chan struct{}, 1)}
	f.ask()
	s.flags.Store(f)
	done := make(chan struct{})
	go func() {
		defer close(done)
		select {
		case <-ctx.Done():
			return
		case <-begin:
		}
		for {
			select {
			case <-ctx.Done():
				return
			case <-f.kick:
			}
			if !f.idle(ctx) {
				continue // another run ended meanwhile: wait again
			}
			rctx, rcancel := context.WithCancel(ctx)
			if !f.start(rcancel) {
				rcancel()
				continue
			}
			err := s.RefreshFlags(rctx)
			f.mu.Lock()
			yielded := f.cancel == nil
			f.cancel = nil
			f.mu.Unlock()
			rcancel()
			if err != nil && !yielded && ctx.Err() == nil && onError != nil {
				onError(err)
			}
		}
	}()
	return func() {
		s.flags.Store(nil)
		cancel()
		<-done
	}
}

// idle waits flagsIdle and tells whether no run ended meanwhile (then it
// leaves the request asked again) and the refresher is not stopping.
func (f *flagRefresher) idle(ctx context.Context) bool {
	t := time.NewTimer(flagsIdle)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-f.kick:
		f.ask()
		return false
	case <-t.C:
		return true
	}
}

// flagsYield cancels a background refresh under way and holds the next
// until the run ends (the ended of the refresher it returns, nil when
// there is none): a run is starting.
func (s *Store) flagsYield() *flagRefresher {
	f := s.flags.Load()
	if f != nil {
		f.yield()
	}
	return f
}
