package analytics

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"os"
	"reflect"

	"github.com/duckdb/duckdb-go/v2"
)

// ServingMemoryLimit is DuckDB's memory_limit in a server, in bytes (its buffer
// pool and every operator's state; beyond it an operator spills to the
// temporary directory or its query fails, never the server). With the Go
// heap's soft limit (cmd/xxgk) it keeps a server within 1 GB under the
// load of xxgk bench: the pages read the materialised tables, a few MB a
// query, and the SQL console's results are bounded apart
// (ConsoleOptions.MaxBytes). Less failed the console's byte bound itself
// (512 MB always, 768 MB on a busy machine): a row of 100 KB values is
// 200 MB a DuckDB vector of 2,048 rows, held several times over before the
// bound cuts the result.
const ServingMemoryLimit = 1 << 30

// servingSettings are a server's: the safety settings of OpenReadOnly but
// for the access mode, ServingMemoryLimit, and threads=1. With one thread
// DuckDB starts no workers of its own: every statement runs on the thread
// of the goroutine that called it, so the server's CPU is exactly the
// statements it lets run at once (DB.Concurrent for the pages, the
// console's bound for analysts), and a console statement run at a lower
// priority (Console) cannot take the pages' cores through a shared pool.
// allocator_background_threads lets DuckDB's allocator return freed memory
// to the system from a background thread (it runs no statement): without
// it the memory of a finished cold query stays resident, and an idle
// national server held about 1.2-1.6 GB after xxgk bench.
var servingSettings = fmt.Sprintf("%s&memory_limit=%dMB&threads=1&allocator_background_threads=true&lock_configuration=true", sealedSettings, ServingMemoryLimit>>20)

// Serving is a server's handles on its database: one DuckDB instance (the
// driver shares it among handles of one file and settings), all with
// servingSettings.
type Serving struct {
	// Pages reads for the dashboard: its own queries, never an analyst's.
	Pages *sql.DB
	// Console is for the SQL console: every statement on it runs in a READ
	// ONLY transaction, so that no statement can write (DuckDB refuses with
	// "transaction is launched in read-only mode"), as on a read-only file.
	Console *sql.DB
	// Write is the store's, for its runs alone.
	Write *sql.DB

	// console is the activity of the console's queries, which the pages'
	// reads watch (consoleActivity).
	console *consoleActivity
}

// Reader returns the pages' reader over s.Pages, which waits out the
// console's queries when they take all of DuckDB's memory.
func (s *Serving) Reader() *DB {
	d := New(s.Pages)
	d.console = s.console
	return d
}

// NewConsole returns the console over s.Console: each query runs on a
// thread of its own at a lower priority, so that the pages keep the cores
// they need while analysts' queries run (Linux; elsewhere as NewConsole),
// and is seen by the pages' reads (Reader).
func (s *Serving) NewConsole() *Console {
	return &Console{db: s.Console, yield: true, activity: s.console}
}

// Close closes the handles.
func (s *Serving) Close() error {
	return errors.Join(s.Console.Close(), s.Pages.Close(), s.Write.Close())
}

// OpenServing opens the database file at path for a server that is the one
// writer of its database (DuckDB lets one process hold a file read-write,
// and then no other process may open it, nor this one with other
// settings). Each statement sees the data committed when it starts: a run
// becomes visible to every reader at its commit, whole.
func OpenServing(ctx context.Context, path string) (*Serving, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("analytics: %w", err)
	}
	dsn := path + "?" + servingSettings
	s := Serving{console: newConsoleActivity()}
	var err error
	if s.Write, err = sql.Open("duckdb", dsn); err == nil {
		err = s.Write.PingContext(ctx)
	}
	if err != nil {
		if s.Write != nil {
			s.Write.Close()
		}
		return nil, fmt.Errorf("analytics: open %s: %w", path, err)
	}
	pages, err := duckdb.NewConnector(dsn, nil)
	if err != nil {
		s.Write.Close()
		return nil, fmt.Errorf("analytics: open %s: %w", path, err)
	}
	console, err := duckdb.NewConnector(dsn, nil)
	if err != nil {
		pages.Close()
		s.Write.Close()
		return nil, fmt.Errorf("analytics: open %s: %w", path, err)
	}
	s.Pages = sql.OpenDB(pages)
	s.Console = sql.OpenDB(&readOnlyConnector{inner: console})
	if err := s.Console.PingContext(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("analytics: open %s: %w", path, err)
	}
	return &s, nil
}

// duckConn is what a DuckDB driver connection provides.
type duckConn interface {
	driver.Conn
	driver.ExecerContext
	driver.QueryerContext
	driver.ConnPrepareContext
	driver.NamedValueChecker
}

// readOnlyConnector makes connections that run each statement in a READ
// ONLY transaction.
type readOnlyConnector struct{ inner driver.Connector }

func (c *readOnlyConnector) Connect(ctx context.Context) (driver.Conn, error) {
	cn, err := c.inner.Connect(ctx)
	if err != nil {
		return nil, err
	}
	dc, ok := cn.(duckConn)
	if !ok {
		cn.Close()
		return nil, errors.New("analytics: the DuckDB connection lacks the methods a read-only handle needs")
	}
	return &readOnlyConn{inner: dc}, nil
}

func (c *readOnlyConnector) Driver() driver.Driver { return c.inner.Driver() }

// Close closes the DuckDB connector (sql.DB.Close calls it).
func (c *readOnlyConnector) Close() error {
	if cl, ok := c.inner.(interface{ Close() error }); ok {
		return cl.Close()
	}
	return nil
}

type readOnlyConn struct {
	inner duckConn
	inTx  bool // an explicit transaction, itself read-only, is open
}

// begin opens the statement's read-only transaction and returns how to
// end it; inside an explicit transaction there is nothing to do.
func (c *readOnlyConn) begin(ctx context.Context) (end func(), err error) {
	if c.inTx {
		return func() {}, nil
	}
	if _, err := c.inner.ExecContext(ctx, "BEGIN TRANSACTION READ ONLY", nil); err != nil {
		return nil, err
	}
	// Cleanup must run even when ctx was cancelled.
	return func() { c.inner.ExecContext(context.Background(), "ROLLBACK", nil) }, nil
}

func (c *readOnlyConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

func (c *readOnlyConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	s, err := c.inner.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	return &readOnlyStmt{conn: c, inner: s}, nil
}

func (c *readOnlyConn) Close() error { return c.inner.Close() }

func (c *readOnlyConn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{ReadOnly: true})
}

// BeginTx opens an explicit transaction, read-only whatever opts say.
func (c *readOnlyConn) BeginTx(ctx context.Context, _ driver.TxOptions) (driver.Tx, error) {
	if _, err := c.inner.ExecContext(ctx, "BEGIN TRANSACTION READ ONLY", nil); err != nil {
		return nil, err
	}
	c.inTx = true
	return readOnlyTx{c}, nil
}

func (c *readOnlyConn) CheckNamedValue(nv *driver.NamedValue) error {
	return c.inner.CheckNamedValue(nv)
}

func (c *readOnlyConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	end, err := c.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer end()
	return c.inner.ExecContext(ctx, query, args)
}

func (c *readOnlyConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	end, err := c.begin(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := c.inner.QueryContext(ctx, query, args)
	if err != nil {
		end()
		return nil, err
	}
	return &readOnlyRows{Rows: rows, end: end}, nil
}

type readOnlyTx struct{ c *readOnlyConn }

func (t readOnlyTx) Commit() error   { return t.finish("COMMIT") }
func (t readOnlyTx) Rollback() error { return t.finish("ROLLBACK") }

func (t readOnlyTx) finish(stmt string) error {
	t.c.inTx = false
	_, err := t.c.inner.ExecContext(context.Background(), stmt, nil)
	return err
}

type readOnlyStmt struct {
	conn  *readOnlyConn
	inner driver.Stmt
}

func (s *readOnlyStmt) Close() error  { return s.inner.Close() }
func (s *readOnlyStmt) NumInput() int { return s.inner.NumInput() }

func (s *readOnlyStmt) Exec(args []driver.Value) (driver.Result, error) {
	return nil, errors.New("analytics: Exec without context is not supported")
}

func (s *readOnlyStmt) Query(args []driver.Value) (driver.Rows, error) {
	return nil, errors.New("analytics: Query without context is not supported")
}

func (s *readOnlyStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	end, err := s.conn.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer end()
	return s.inner.(driver.StmtExecContext).ExecContext(ctx, args)
}

func (s *readOnlyStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	end, err := s.conn.begin(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.inner.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil {
		end()
		return nil, err
	}
	return &readOnlyRows{Rows: rows, end: end}, nil
}

// readOnlyRows ends the statement's transaction when closed.
type readOnlyRows struct {
	driver.Rows
	end  func()
	done bool
}

func (r *readOnlyRows) Close() error {
	err := r.Rows.Close()
	if !r.done {
		r.done = true
		r.end()
	}
	return err
}

func (r *readOnlyRows) ColumnTypeDatabaseTypeName(i int) string {
	if t, ok := r.Rows.(driver.RowsColumnTypeDatabaseTypeName); ok {
		return t.ColumnTypeDatabaseTypeName(i)
	}
	return ""
}

func (r *readOnlyRows) ColumnTypeScanType(i int) reflect.Type {
	if t, ok := r.Rows.(driver.RowsColumnTypeScanType); ok {
		return t.ColumnTypeScanType(i)
	}
	return reflect.TypeFor[any]()
}
