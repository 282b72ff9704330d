// Package store keeps parsed reports in an embedded DuckDB database: it
// applies the schema migrations and views of package sqlfiles and loads
// reports in one transaction per run, so that a run lands whole or not at
// all. Reading is package analytics' job.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" driver

	sqlfiles "xxgk/sql"
)

// DefaultPath is the database file used when none is given.
const DefaultPath = "xxgk.duckdb"

// ErrNewerSchema says the database was written by a newer xxgk.
var ErrNewerSchema = errors.New("database schema is newer than this xxgk")

// Store is a database opened for writing.
type Store struct {
	DB   *sql.DB
	Path string
	// OnCommit, if set, is called after each committed run: a server that
	// writes the database it serves advances its data version there.
	OnCommit func()

	writing  sync.Mutex // one run at a time
	deciding sync.Mutex // one review decision at a time (decision ids)
	flagging sync.Mutex // one refresh of m_flags at a time (flags.go)
	// flags is the background refresher of m_flags while one runs
	// (RefreshFlagsInBackground).
	flags atomic.Pointer[flagRefresher]
	// flagsChunk, when set by a test, replaces flagsChunkReports.
	flagsChunk int
	placer     *placer // the regions as of the last commit; nil until a run reads them
	// checkpointErr, when set by a test, stands for a failing checkpoint
	// (a full disk).
	checkpointErr error
	// flushEvery, when set by a test, replaces defaultFlushEvery.
	flushEvery int
	// bulkAlways, when set by a test, makes a run of any size a bulk run
	// (bulkRun): every known file and current identity read at once.
	bulkAlways bool
	// streamAlways, when set by a test, measures copied prose in the
	// stream (copiedstream.go) in a run of any size, not a bulk run's only.
	streamAlways bool
	// streamedCounties is how many counties the last run measured in the
	// stream, for the tests of it.
	streamedCounties int
}

// checkpoint writes the committed run into the main file.
func (s *Store) checkpoint(ctx context.Context, conn *sql.Conn) error {
	if s.checkpointErr != nil {
		return s.checkpointErr
	}
	_, err := conn.ExecContext(ctx, sqlfiles.Query("checkpoint"))
	return err
}

// Open opens (creating it if needed) the database at path for writing,
// migrates its schema to the current version and re-applies the views.
func Open(ctx context.Context, path string) (*Store, error) {
	db, err := openDB(path)
	if err != nil {
		return nil, err
	}
	s := &Store{DB: db, Path: path}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := applyDefinitions(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	if err := ensureFlags(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	// Marks a process killed after a run's commit left, or a whole build
	// after other definitions: repaired before the store is used.
	if err := s.RefreshFlags(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Attach makes a Store of a handle already open read-write (a server's,
// from analytics.OpenServing), migrating its schema and re-applying the
// views. Close closes the handle.
func Attach(ctx context.Context, db *sql.DB, path string) (*Store, error) {
	s := &Store{DB: db, Path: path}
	if err := s.migrate(ctx); err != nil {
		return nil, err
	}
	if err := applyDefinitions(ctx, db); err != nil {
		return nil, err
	}
	// m_flags is repaired by the server's background refresher
	// (RefreshFlagsInBackground), so that it answers at once; its pages
	// read the flags view meanwhile.
	if err := ensureFlags(ctx, db); err != nil {
		return nil, err
	}
	return s, nil
}

// ingestSettings bound DuckDB's memory in xxgk ingest: its buffers and
// operators spill to a temporary folder beside the file rather than grow
// (by default DuckDB takes up to 80% of the machine). With the appenders
// flushed (defaultFlushEvery) a run's uncommitted rows are under this
// limit too. The peak of a national run is DuckDB writing a full row group
// of figures (227 DOUBLE columns × 122,880 rows) above this limit's
// plateau, and then the final whole build of the materialised tables
// (memory_build): 256 MB here and 384 there, rather than 384 and 512, took
// a quiet national first load from 1,005 to 915 MiB (Go included) at the
// same speed (docs/live-ingest.md).
const ingestSettings = "memory_limit=256MB"

func openDB(path string) (*sql.DB, error) {
	db, err := sql.Open("duckdb", path+"?"+ingestSettings)
	if err == nil {
		err = db.Ping()
	}
	if err != nil {
		if db != nil {
			db.Close()
		}
		if strings.Contains(err.Error(), "Conflicting lock") {
			return nil, fmt.Errorf("store: %s is open in another process, and only one process may open a database it writes: "+
				"wait for that xxgk ingest to end, or stop the program that holds it (an xxgk serve of this database hands "+
				"xxgk ingest's files to itself unless its %s file is missing): %w", path, filepath.Base(path)+".xxgk-server", err)
		}
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return db, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.DB.Close() }

// migrate applies the schema files the database has not seen, in one
// transaction, and refuses a database written by a newer schema.
func (s *Store) migrate(ctx context.Context) error {
	migrations, err := sqlfiles.Migrations()
	if err != nil {
		return err
	}
	return s.applyMigrations(ctx, migrations)
}

func (s *Store) applyMigrations(ctx context.Context, migrations []sqlfiles.Migration) error {
	tx, err := s.DB.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: migrate %s: %w", s.Path, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, sqlfiles.Query("schema_version_init")); err != nil {
		return fmt.Errorf("store: migrate %s: %w", s.Path, err)
	}
	var have int
	if err := tx.QueryRowContext(ctx, sqlfiles.Query("schema_version")).Scan(&have); err != nil {
		return fmt.Errorf("store: migrate %s: %w", s.Path, err)
	}
	if have > len(migrations) {
		return fmt.Errorf("store: %s has schema version %d but this xxgk knows only up to %d: %w; use a newer xxgk",
			s.Path, have, len(migrations), ErrNewerSchema)
	}
	for _, m := range migrations[have:] {
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			return fmt.Errorf("store: migrate %s to version %d (%s): %w", s.Path, m.Version, m.Name, err)
		}
		if _, err := tx.ExecContext(ctx, sqlfiles.Query("schema_version_record"), m.Version); err != nil {
			return fmt.Errorf("store: migrate %s: %w", s.Path, err)
		}
	}
	return tx.Commit()
}

// ApplyViews re-creates every view, so that a database always has the views
// of the xxgk that last wrote it.
func ApplyViews(ctx context.Context, db *sql.DB) error {
	views, err := sqlfiles.Views()
	if err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: views: %w", err)
	}
	defer tx.Rollback()
	for _, v := range views {
		if _, err := tx.ExecContext(ctx, v); err != nil {
			return fmt.Errorf("store: view %.60q: %w", v, err)
		}
	}
	return tx.Commit()
}
