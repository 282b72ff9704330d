package analytics

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"runtime"
	"sync"
	"time"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" driver

	sqlfiles "xxgk/sql"
)

// safeDSN are the DuckDB settings of a read-only handle that analysts' SQL
// may use: no writes, no files, no extensions, bounded memory, and settings
// locked so that no query can lift them (see ../shared/STACK.md).
const safeDSN = "access_mode=READ_ONLY&" + safeSettings

// safeSettings are safeDSN but for the access mode.
const safeSettings = sealedSettings + "&memory_limit=2GB&lock_configuration=true"

// sealedSettings are what no analyst's SQL may get past: no files, no
// extensions, a bounded spill to disk.
const sealedSettings = "enable_external_access=false&autoinstall_known_extensions=false" +
	"&autoload_known_extensions=false&allow_community_extensions=false" +
	"&max_temp_directory_size=2GB"

// OpenReadOnly opens the database file at path read-only with the safety
// settings the SQL console relies on. The reader functions work on it too,
// so a server needs one handle for both (DuckDB will not open one file twice
// in one process with different settings). The views must already exist:
// they are applied whenever the file is opened for writing (xxgk ingest).
func OpenReadOnly(ctx context.Context, path string) (*sql.DB, error) {
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("analytics: %s does not exist; load reports with xxgk ingest --db %s first", path, path)
		}
		return nil, fmt.Errorf("analytics: %w", err)
	}
	db, err := sql.Open("duckdb", path+"?"+safeDSN)
	if err != nil {
		return nil, fmt.Errorf("analytics: open %s: %w", path, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("analytics: open %s: %w", path, err)
	}
	return db, nil
}

// DefaultConcurrent is how many of a DB's queries run at once: two per
// core, so that a short query is not queued behind one long one.
var DefaultConcurrent = 2 * runtime.NumCPU()

// Defaults of DB.
const (
	DefaultTimeout = 5 * time.Second
	DefaultLimit   = 1000   // rows a list returns when the query sets no Limit
	MaxLimit       = 10_000 // rows a list returns at most
)

// DB implements Reader over a DuckDB database holding the xxgk schema and
// views. Every method runs under Timeout (DefaultTimeout when 0), binds its
// parameters and names its query file; lists return at most their query's
// Limit rows, and an empty result is an empty slice, never nil.
type DB struct {
	SQL     *sql.DB
	Timeout time.Duration

	// slots bounds the queries running at once (DefaultConcurrent): each
	// holds a thread of a server's DuckDB (threads=1) and its memory, so
	// many visitors at once wait their turn, within Timeout, instead of
	// sharing the cores and DuckDB's memory ever thinner.
	slots chan struct{}
	// heavy bounds the heavy queries (acquire) running at once to half the slots.
	heavy chan struct{}
	// console is the activity of the console sharing this DuckDB instance's
	// memory (a server's: Serving.Reader); nil for none.
	console *consoleActivity

	mu  sync.Mutex
	gen *stmtGen // the statements prepared since the last Refresh
}

// stmtGen is one generation of prepared statements (planning is a third of
// a query's time, so each query file is prepared once per generation). A
// generation is closed once the queries that use it end.
type stmtGen struct {
	stmts map[string]*sql.Stmt
	inUse sync.WaitGroup
}

func (g *stmtGen) close() error {
	var errs []error
	for _, s := range g.stmts {
		errs = append(errs, s.Close())
	}
	return errors.Join(errs...)
}

// New returns a Reader over db (from OpenReadOnly, or a store's handle).
func New(db *sql.DB) *DB {
	return &DB{SQL: db, Timeout: DefaultTimeout, gen: &stmtGen{stmts: map[string]*sql.Stmt{}},
		slots: make(chan struct{}, DefaultConcurrent), heavy: make(chan struct{}, max(1, DefaultConcurrent/2))}
}

// acquire waits, within ctx, for a slot to run the named query (and for a
// heavy one, first for one of the heavy slots), and returns its release.
// A heavy query reads the supervision flags from their view, while m_flags
// is stale for the area (flagsource.go): about 0.2 s of CPU for a county
// and 1 s for a whole country's year, where every other query of a page
// costs 1–50 ms. At most half the slots run them, so that a crowd of
// first visitors to the county pages (each asking for its county's flags)
// never holds every slot while the cheap reads wait behind them past their
// timeout.
func (d *DB) acquire(ctx context.Context, name string, heavy bool) (func(), error) {
	release := func() {}
	if d.heavy != nil && heavy {
		select {
		case d.heavy <- struct{}{}:
			release = func() { <-d.heavy }
		case <-ctx.Done():
			return nil, fmt.Errorf("analytics: %s: waiting for a turn: %w", name, ctx.Err())
		}
	}
	if d.slots == nil {
		return release, nil
	}
	select {
	case d.slots <- struct{}{}:
		heavyRelease := release
		return func() { <-d.slots; heavyRelease() }, nil
	case <-ctx.Done():
		release()
		return nil, fmt.Errorf("analytics: %s: waiting for a turn: %w", name, ctx.Err())
	}
}

// Close releases the prepared statements (not the database handle).
func (d *DB) Close() error {
	d.mu.Lock()
	old := d.gen
	d.gen = &stmtGen{stmts: map[string]*sql.Stmt{}}
	d.mu.Unlock()
	old.inUse.Wait()
	return old.close()
}

// Refresh makes later queries plan afresh; a server that writes its
// database calls it after each commit. DuckDB plans some answers from a
// table's statistics (count(*), min, max) when a statement is prepared, so
// a statement prepared before a commit could keep answering as before it.
// Queries under way finish on the old statements, which are closed then.
func (d *DB) Refresh() {
	d.mu.Lock()
	old := d.gen
	d.gen = &stmtGen{stmts: map[string]*sql.Stmt{}}
	d.mu.Unlock()
	go func() {
		old.inUse.Wait()
		old.close()
	}()
}

// stmt returns the prepared statement of a query file and the release the
// caller must call when its query is done.
func (d *DB) stmt(ctx context.Context, name string) (*sql.Stmt, func(), error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.gen == nil {
		d.gen = &stmtGen{stmts: map[string]*sql.Stmt{}}
	}
	g := d.gen
	s, ok := g.stmts[name]
	if !ok {
		var err error
		if s, err = d.SQL.PrepareContext(ctx, sqlfiles.Query("analytics/"+name)); err != nil {
			return nil, nil, err
		}
		g.stmts[name] = s
	}
	g.inUse.Add(1)
	return s, g.inUse.Done, nil
}

var _ Reader = (*DB)(nil)

// query runs the named query file under the DB's timeout and calls scan for
// each row. A read that fails for want of DuckDB's memory while an
// analyst's console query ran, before any row reached scan, waits for the
// console to be quiet and runs once more (consoleActivity).
func (d *DB) query(ctx context.Context, name string, scan func(*sql.Rows) error, args ...any) error {
	return d.queryIn(ctx, name, false, scan, args)
}

// queryIn is query, for a heavy query or not (acquire).
func (d *DB) queryIn(ctx context.Context, name string, heavy bool, scan func(*sql.Rows) error, args []any) error {
	timeout := d.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	mark := d.console.mark()
	scanned, err := d.run(ctx, name, heavy, scan, args)
	if !waitsForConsole(err, scanned, d.console.ranSince(mark)) {
		return err
	}
	if d.console.waitQuiet(ctx) != nil {
		return err
	}
	_, err = d.run(ctx, name, heavy, scan, args)
	return err
}

// waitsForConsole tells whether a read that ended with err, having passed
// rows to its caller or not, runs again once the console is quiet: only
// when it failed for want of DuckDB's memory while a console query ran,
// and before its caller saw a row (a second run would repeat them).
func waitsForConsole(err error, scanned, consoleRan bool) bool {
	return err != nil && !scanned && consoleRan && isOutOfMemory(err)
}

// run runs the named query once in its turn, and tells whether any row
// reached scan.
func (d *DB) run(ctx context.Context, name string, heavy bool, scan func(*sql.Rows) error, args []any) (scanned bool, err error) {
	turn, err := d.acquire(ctx, name, heavy)
	if err != nil {
		return false, err
	}
	defer turn()
	stmt, release, err := d.stmt(ctx, name)
	if err != nil {
		return false, fmt.Errorf("analytics: %s: %w", name, err)
	}
	defer release()
	rows, err := stmt.QueryContext(ctx, args...)
	if err != nil {
		return false, fmt.Errorf("analytics: %s: %w", name, err)
	}
	defer rows.Close()
	for rows.Next() {
		scanned = true
		if err := scan(rows); err != nil {
			return true, fmt.Errorf("analytics: %s: %w", name, err)
		}
	}
	if err := rows.Err(); err != nil {
		return scanned, fmt.Errorf("analytics: %s: %w", name, err)
	}
	return scanned, nil
}

// limit clamps a query's row limit to 1..MaxLimit, DefaultLimit when unset.
func limit(n int) int {
	switch {
	case n <= 0:
		return DefaultLimit
	case n > MaxLimit:
		return MaxLimit
	}
	return n
}
