package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"

	"xxgk/analytics"
	"xxgk/dashboard"
	"xxgk/dashboard/analyticsource"
	"xxgk/ingest/store"
)

// defaultAddr is where serve and demo listen: this machine only, unless
// told otherwise.
const defaultAddr = "127.0.0.1:8080"

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	dbPath := fl.String("db", store.DefaultPath, "DuckDB database `file` written by xxgk ingest")
	addr := fl.String("addr", defaultAddr, "`host:port` to listen on (port 0 picks a free one)")
	console := addConsoleFlags(fl)
	secFlags := addSecurityFlags(fl)
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: xxgk serve [--db FILE] [--addr 127.0.0.1:8080] [--users FILE --host NAME --audit FILE] [--tls-cert FILE --tls-key FILE]")
		fmt.Fprintln(stderr, "       [--sql-timeout 10s --sql-max-rows 10000 --sql-concurrent 2]")
		fmt.Fprintln(stderr, "Serves the dashboard over a database and prints the URL to open. Beyond loopback it needs")
		fmt.Fprintln(stderr, "accounts (--users FILE, made by xxgk users add); see the README's Security section.")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() > 0 || !console.valid(stderr) || !secFlags.valid(stderr) {
		fl.Usage()
		return 2
	}
	sec, closeSec, err := secFlags.security(*addr, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "xxgk serve: %v\n", err)
		return 1
	}
	defer closeSec()
	ctx, stop := withTermination(ctx)
	defer stop()
	log := slog.New(slog.NewTextHandler(stderr, nil))
	h, db, err := openDashboardWith(ctx, *dbPath, dashboard.Options{Log: log, SQL: console.options(), Security: sec})
	if err != nil {
		fmt.Fprintf(stderr, "xxgk serve: %v\n", err)
		return 1
	}
	defer db.Close()
	return serveHTTP(ctx, secFlags.listen(*addr, console.writeTimeout()), h, stdout, stderr)
}

// openDashboard opens the database for the dashboard. The views are first
// brought up to date through a short read-write open (store.Open migrates
// and applies them); the server then holds the file read-only with
// analytics' safe settings, the handle the SQL console shares.
func openDashboard(ctx context.Context, path string, log *slog.Logger, console dashboard.ConsoleOptions) (http.Handler, *sql.DB, error) {
	return openDashboardWith(ctx, path, dashboard.Options{Log: log, SQL: console})
}

// openDashboardWith is openDashboard with every option of the dashboard.
func openDashboardWith(ctx context.Context, path string, opt dashboard.Options) (http.Handler, *sql.DB, error) {
	log := opt.Log
	if _, err := os.Stat(path); err != nil {
		// store.Open would create an empty database: say what to do instead.
		return nil, nil, fmt.Errorf("%s: %w; load reports first with xxgk ingest --db %s DIR (or try xxgk demo)", path, err, path)
	}
	if st, err := store.Open(ctx, path); err != nil {
		if errors.Is(err, store.ErrNewerSchema) {
			return nil, nil, err
		}
		log.Warn("could not refresh the views; serving the database as it is", "err", err)
	} else if err := st.Close(); err != nil {
		return nil, nil, err
	}
	db, err := analytics.OpenReadOnly(ctx, path)
	if err != nil {
		return nil, nil, err
	}
	h, err := newDashboardWith(ctx, db, opt)
	if err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("read %s: %w", path, err)
	}
	return h, db, nil
}

// newDashboard serves the dashboard and the SQL console over a handle from
// analytics.OpenReadOnly, having read what the landing page shows.
func newDashboard(ctx context.Context, db *sql.DB, log *slog.Logger, console dashboard.ConsoleOptions) (http.Handler, error) {
	return newDashboardWith(ctx, db, dashboard.Options{Log: log, SQL: console})
}

// newDashboardWith is newDashboard with every option of the dashboard.
func newDashboardWith(ctx context.Context, db *sql.DB, opt dashboard.Options) (http.Handler, error) {
	src := analyticsource.New(analytics.New(db))
	if err := src.Warm(ctx); err != nil {
		return nil, err
	}
	opt.SQL.Console = analytics.NewConsole(db)
	return dashboard.New(src, opt)
}

// withTermination extends ctx to end on SIGTERM and SIGHUP as well as on
// the Ctrl-C main already handles, so that a server stopped by a service
// manager or a closed terminal also shuts down cleanly (and the demo
// removes its temporary files).
func withTermination(ctx context.Context) (context.Context, context.CancelFunc) {
	return signal.NotifyContext(ctx, syscall.SIGTERM, syscall.SIGHUP)
}
