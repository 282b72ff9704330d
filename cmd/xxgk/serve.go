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
	"time"

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
	upload := addUploadFlags(fl)
	cpuProfile := fl.String("cpuprofile", "", "write a CPU profile of the server's run to `file` (go tool pprof; how serving is measured, docs/scale.md)")
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
	console.limitMemory(stderr)
	limitGoHeap()
	stopProfile, err := startProfiles(*cpuProfile, "")
	defer stopProfile()
	if err != nil {
		fmt.Fprintf(stderr, "xxgk serve: %v\n", err)
		return 1
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
	srv, err := openDashboardWith(ctx, *dbPath, dashboard.Options{Log: log, SQL: console.options(), Security: sec, Upload: upload.options()})
	if err != nil {
		fmt.Fprintf(stderr, "xxgk serve: %v\n", err)
		return 1
	}
	defer srv.Close()
	return serveLocal(ctx, secFlags.listen(*addr, console.writeTimeout()), srv.local(*dbPath), stdout, stderr)
}

// servingReadTimeout bounds one query of a server's pages.
const servingReadTimeout = 30 * time.Second

// served is what a server holds open.
type served struct {
	Handler http.Handler
	DB      *sql.DB // the SQL console's handle: every statement read-only
	handles *analytics.Serving
	store   writer
	reader  *analytics.DB
	src     *analyticsource.Source // nil until opened
	// stopWarm ends the reading of the landing page (warmInBackground).
	stopWarm func()
	// stopFlags ends the store's refresher of m_flags
	// (store.RefreshFlagsInBackground).
	stopFlags func()
}

// Close closes the handles.
func (s *served) Close() error {
	if s.stopWarm != nil {
		s.stopWarm()
	}
	if s.stopFlags != nil {
		s.stopFlags()
	}
	if s.src != nil {
		s.src.Close() // the pages' reads under way end before their statements close
	}
	return errors.Join(s.reader.Close(), s.handles.Close())
}

// openDashboard opens the database for the dashboard with the console's
// options (tests; serve and demo use openDashboardWith).
func openDashboard(ctx context.Context, path string, log *slog.Logger, console dashboard.ConsoleOptions) (*served, error) {
	return openDashboardWith(ctx, path, dashboard.Options{Log: log, SQL: console})
}

// openDashboardWith opens the database for the dashboard. The server is
// the one writer of its database (see docs/live-ingest.md): it holds the
// file read-write; the store writes through one handle, the pages read
// through another, and the SQL console through a third whose every
// statement runs in a read-only transaction. Each commit refreshes the
// pages' prepared statements and advances the data version their cache is
// keyed by. Uploads go to the store.
func openDashboardWith(ctx context.Context, path string, opt dashboard.Options) (*served, error) {
	if _, err := os.Stat(path); err != nil {
		// Opening would create an empty database: say what to do instead.
		return nil, fmt.Errorf("%s: %w; load reports first with xxgk ingest --db %s DIR (or try xxgk demo)", path, err, path)
	}
	h, err := analytics.OpenServing(ctx, path)
	if err != nil {
		return nil, err
	}
	st, err := store.Attach(ctx, h.Write, path)
	if err != nil {
		h.Close()
		return nil, err
	}
	s := &served{DB: h.Console, handles: h, store: writer{st}, reader: h.Reader()}
	// A page's read outlives a visitor who stops waiting (its request is
	// bounded by the dashboard's QueryTimeout) and is kept for the next
	// (analyticsource.cached): on a busy machine a whole country's read
	// would otherwise be cut at 5 s on every visit and never finish.
	s.reader.Timeout = servingReadTimeout
	src := analyticsource.New(s.reader)
	s.src = src
	st.OnCommit = func() {
		s.reader.Refresh()
		src.Advance()
	}
	// A run's answer does not wait for its counties' flags: the pages
	// read them from the view until the refresher has stored them. It
	// starts once the whole country's pages are built: a whole build of
	// m_flags (after an upgrade) beside them took the server to 1.25 GB.
	warmed := make(chan struct{})
	s.stopFlags = st.RefreshFlagsInBackground(warmed, func(err error) {
		if opt.Log != nil {
			opt.Log.Warn("refreshing the flags table after a run (the pages read the flags view meanwhile)", "err", err)
		}
	})
	opt.Upload.Store = s.store
	opt.Review = st // decisions go through the same writer
	opt.SQL.Console = h.NewConsole()
	dash, err := newDashboardFrom(ctx, src, h.Console, opt)
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	s.Handler = dash
	s.stopWarm = warmInBackground(ctx, dash, opt.Log, warmed)
	return s, nil
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
	return newDashboardFrom(ctx, src, db, opt)
}

// newDashboardFrom serves the dashboard over src and the SQL console over
// console (unless opt sets its own), having read the catalog; what the
// landing page shows is read by the caller (src.Warm), before or after.
func newDashboardFrom(ctx context.Context, src *analyticsource.Source, console *sql.DB, opt dashboard.Options) (*dashboard.Server, error) {
	if _, err := src.Catalog(ctx); err != nil {
		return nil, err
	}
	if opt.SQL.Console == nil {
		opt.SQL.Console = analytics.NewConsole(console)
	}
	return dashboard.New(src, opt)
}

// warmInBackground builds the whole country's pages (dashboard.Server.Warm)
// after the server has started, so that it answers within a second of its
// start however large its database (a visitor who comes first shares the
// reads). A page that fails is logged and built again on request. stop
// cancels the reads and waits for them to end.
func warmInBackground(ctx context.Context, srv *dashboard.Server, log *slog.Logger, warmed chan<- struct{}) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(warmed)
		if err := srv.Warm(ctx); err != nil && ctx.Err() == nil && log != nil {
			log.Warn("building the whole country's pages ahead of their first visitor", "err", err)
		}
	}()
	return func() {
		cancel()
		<-done
	}
}

// withTermination extends ctx to end on SIGTERM and SIGHUP as well as on
// the Ctrl-C main already handles, so that a server stopped by a service
// manager or a closed terminal also shuts down cleanly (and the demo
// removes its temporary files).
func withTermination(ctx context.Context) (context.Context, context.CancelFunc) {
	return signal.NotifyContext(ctx, syscall.SIGTERM, syscall.SIGHUP)
}
