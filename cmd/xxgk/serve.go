package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"xxgk/analytics"
	"xxgk/dashboard"
	"xxgk/dashboard/analyticsource"
	"xxgk/dashboard/consolesource"
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
	upload := addUploadFlags(fl)
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: xxgk serve [--db FILE] [--addr 127.0.0.1:8080] [--sql-timeout 10s --sql-max-rows 10000 --sql-concurrent 2]")
		fmt.Fprintln(stderr, "Serves the dashboard over a database and prints the URL to open.")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() > 0 || !console.valid(stderr) {
		fl.Usage()
		return 2
	}
	ctx, stop := withTermination(ctx)
	defer stop()
	log := slog.New(slog.NewTextHandler(stderr, nil))
	srv, err := openDashboard(ctx, *dbPath, log, console.options(), upload.options())
	if err != nil {
		fmt.Fprintf(stderr, "xxgk serve: %v\n", err)
		return 1
	}
	defer srv.Close()
	return serveHTTP(ctx, *addr, srv.local(*dbPath), console.writeTimeout(), stdout, stderr)
}

// served is what a server holds open.
type served struct {
	Handler http.Handler
	DB      *sql.DB // the SQL console's handle: every statement read-only
	handles *analytics.Serving
	store   *store.Store
	reader  *analytics.DB
}

// Close closes the handles.
func (s *served) Close() error {
	return errors.Join(s.reader.Close(), s.handles.Close())
}

// openDashboard opens the database for the dashboard. The server is the one
// writer of its database (see docs/live-ingest.md): it holds the file
// read-write; the store writes through one handle, the pages read through
// another, and the SQL console through a third whose every statement runs
// in a read-only transaction. Each commit refreshes the pages' prepared
// statements and advances the data version their cache is keyed by.
func openDashboard(ctx context.Context, path string, log *slog.Logger, console dashboard.ConsoleOptions, upload dashboard.UploadOptions) (*served, error) {
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
	s := &served{DB: h.Console, handles: h, store: st, reader: analytics.New(h.Pages)}
	src := analyticsource.New(s.reader)
	st.OnCommit = func() {
		s.reader.Refresh()
		src.Advance()
	}
	upload.Store = st
	if s.Handler, err = newDashboardFrom(ctx, src, h.Console, log, console, upload); err != nil {
		s.Close()
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return s, nil
}

// newDashboard serves the dashboard and the SQL console over a handle from
// analytics.OpenReadOnly, having read what the landing page shows.
func newDashboard(ctx context.Context, db *sql.DB, log *slog.Logger, console dashboard.ConsoleOptions) (http.Handler, error) {
	return newDashboardFrom(ctx, analyticsource.New(analytics.New(db)), db, log, console, dashboard.UploadOptions{})
}

func newDashboardFrom(ctx context.Context, src *analyticsource.Source, db *sql.DB, log *slog.Logger,
	console dashboard.ConsoleOptions, upload dashboard.UploadOptions) (http.Handler, error) {
	if err := src.Warm(ctx); err != nil {
		return nil, err
	}
	console.Console = consolesource.New(db)
	return dashboard.New(src, dashboard.Options{Log: log, SQL: console, Upload: upload})
}

// withTermination extends ctx to end on SIGTERM and SIGHUP as well as on
// the Ctrl-C main already handles, so that a server stopped by a service
// manager or a closed terminal also shuts down cleanly (and the demo
// removes its temporary files).
func withTermination(ctx context.Context) (context.Context, context.CancelFunc) {
	return signal.NotifyContext(ctx, syscall.SIGTERM, syscall.SIGHUP)
}

// serveHTTP listens on addr, announces the server beside its database,
// prints the URL to open, and serves h until ctx ends (Ctrl-C, SIGTERM),
// then shuts down gracefully: a run under way finishes or rolls back
// whole. writeTimeout bounds the
// writing of one response, the longest console query included.
func serveHTTP(ctx context.Context, addr string, h *localServer, writeTimeout time.Duration, stdout, stderr io.Writer) int {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintf(stderr, "xxgk: listen %s: %v\n", addr, err)
		return 1
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       2 * time.Minute,
	}
	// xxgk ingest, sql and history find the server through this file.
	unannounce, err := h.announce(ln.Addr())
	if err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "xxgk: %v\n", err)
		return 1
	}
	defer unannounce()
	fmt.Fprintf(stdout, "xxgk: dashboard at %s (Ctrl-C to stop)\n", openURL(ln.Addr()))
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		fmt.Fprintf(stderr, "xxgk: serve: %v\n", err)
		return 1
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		fmt.Fprintf(stderr, "xxgk: shutdown: %v\n", err)
		return 1
	}
	fmt.Fprintln(stderr, "xxgk: stopped")
	return 0
}

// openURL is the URL a browser on this machine opens for a listener:
// 127.0.0.1 for an address that listens everywhere.
func openURL(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return "http://" + a.String() + "/"
	}
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, fmt.Sprint(tcp.Port)) + "/"
}
