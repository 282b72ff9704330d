package main

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync"
	"testing"

	"xxgk/dashboard"
)

// demoDB is the demo corpus ingested once per test binary, in a temporary
// directory that TestMain removes, and the dashboard over it: the answer-key
// tests, the benchmarks and the browser tests share it (ingest takes a
// couple of seconds, and DuckDB lets one process open a file only once with
// the same settings).
var demoDB struct {
	once    sync.Once
	dir     string
	path    string
	db      *sql.DB // the server's read handle
	served  *served
	handler http.Handler
	err     error
}

// demoDashboard returns the dashboard over the demo database, building it
// on first use.
func demoDashboard(tb testing.TB) http.Handler {
	tb.Helper()
	demoDB.once.Do(func() {
		demoDB.dir, demoDB.err = os.MkdirTemp("", "xxgk-test-demo-")
		if demoDB.err != nil {
			return
		}
		ctx := context.Background()
		if demoDB.path, demoDB.err = buildDemo(ctx, demoDB.dir, io.Discard); demoDB.err != nil {
			return
		}
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		demoDB.served, demoDB.err = openDashboard(ctx, demoDB.path, log, dashboard.ConsoleOptions{})
		if demoDB.err == nil {
			demoDB.handler, demoDB.db = demoDB.served.Handler, demoDB.served.DB
		}
	})
	if demoDB.err != nil {
		tb.Fatalf("demo database: %v", demoDB.err)
	}
	return demoDB.handler
}

func TestMain(m *testing.M) {
	// A test that needs xxgk as a process of its own (to measure its
	// memory) runs this binary with the command line in xxgkArgsEnv.
	// It configures DuckDB's allocator as main does, or it would measure
	// another process than xxgk.
	if args := os.Getenv(xxgkArgsEnv); args != "" {
		argv := strings.Split(args, "\x1f")
		configureDuckDBAllocator(argv[0])
		if err := execWithAllocatorConf(); err != nil {
			panic(err)
		}
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		code := run(ctx, argv, os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	if args := os.Getenv("XXGK_CHILD_ARGS"); args != "" {
		argv := strings.Split(args, "\n")
		configureDuckDBAllocator(argv[0])
		if err := execWithAllocatorConf(); err != nil {
			panic(err)
		}
		os.Exit(runChild(argv))
	}
	// Commands run in this process must not bound its memory (and its
	// children's, a browser's among them); the processes above do.
	applyMemoryCeiling = func(int64) error { return nil }
	code := m.Run()
	if demoDB.served != nil {
		demoDB.served.Close()
	}
	if demoDB.dir != "" {
		os.RemoveAll(demoDB.dir)
	}
	closeProvince()
	removePristine()
	os.Exit(code)
}
