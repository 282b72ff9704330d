package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"

	"xxgk/dashboard"
	"xxgk/fixtures"
	"xxgk/ingest/store"
)

func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("demo", flag.ContinueOnError)
	fl.SetOutput(stderr)
	addr := fl.String("addr", defaultAddr, "`host:port` to listen on (port 0 picks a free one)")
	console := addConsoleFlags(fl)
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: xxgk demo [--addr 127.0.0.1:8080] [--sql-timeout 10s --sql-max-rows 10000 --sql-max-bytes 67108864 --sql-concurrent 2]")
		fmt.Fprintln(stderr, "Loads the demo corpus (built into the binary) into a temporary database and serves the dashboard;")
		fmt.Fprintln(stderr, "the temporary files are removed on exit (Ctrl-C).")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() > 0 || !console.valid(stderr) {
		fl.Usage()
		return 2
	}
	console.limitMemory(stderr)
	limitGoHeap()
	// The demo has no accounts: this machine only.
	if err := checkExposure(*addr, false); err != nil {
		fmt.Fprintf(stderr, "xxgk demo: %v\n", err)
		return 1
	}
	ctx, stop := withTermination(ctx)
	defer stop()
	dir, err := os.MkdirTemp("", "xxgk-demo-")
	if err != nil {
		fmt.Fprintf(stderr, "xxgk demo: %v\n", err)
		return 1
	}
	defer os.RemoveAll(dir)

	dbPath, err := buildDemo(ctx, dir, stdout)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return 1
		}
		fmt.Fprintf(stderr, "xxgk demo: %v\n", err)
		return 1
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	sec := dashboard.Security{Hosts: allowedHosts(*addr, nil), LocalOnly: true}
	srv, err := openDashboardWith(ctx, dbPath, dashboard.Options{Log: log, SQL: console.options(), Security: sec})
	if err != nil {
		fmt.Fprintf(stderr, "xxgk demo: %v\n", err)
		return 1
	}
	defer srv.Close()
	cfg := listenConfig{addr: *addr, readTimeout: defaultReadTimeout, writeTimeout: console.writeTimeout()}
	return serveLocal(ctx, cfg, srv.local(dbPath), stdout, stderr)
}

// buildDemo writes the embedded demo corpus into dir and ingests it into
// dir/demo.duckdb, returning the database's path.
func buildDemo(ctx context.Context, dir string, stdout io.Writer) (dbPath string, err error) {
	if err := writeDemoCorpus(dir); err != nil {
		return "", err
	}
	dbPath = filepath.Join(dir, "demo.duckdb")
	sum, err := ingestCorpus(ctx, dir, dbPath)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(stdout, "xxgk demo: loaded %d demo reports (%d flagged by checks, %d failed) into %s\n",
		sum.Loaded, sum.Flagged, sum.Failed, dbPath)
	return dbPath, nil
}

// ingestCorpus ingests a corpus as fixtures writes it (dir/reports and
// dir/regions.csv) into a new database at dbPath.
func ingestCorpus(ctx context.Context, dir, dbPath string) (sum store.Summary, err error) {
	files, err := collectFiles([]string{filepath.Join(dir, "reports")}, func(string) {})
	if err != nil {
		return sum, err
	}
	regions, err := store.ReadRegions(filepath.Join(dir, "regions.csv"))
	if err != nil {
		return sum, err
	}
	st, err := store.Open(ctx, dbPath)
	if err != nil {
		return sum, err
	}
	// Closed before serving: the server opens the file again.
	defer func() { err = errors.Join(err, st.Close()) }()
	return st.IngestList(ctx, files, store.Options{Regions: regions})
}

// writeDemoCorpus copies fixtures.Demo (rooted at "demo") into dir.
func writeDemoCorpus(dir string) error {
	return fs.WalkDir(fixtures.Demo, "demo", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel("demo", path)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := fs.ReadFile(fixtures.Demo, path)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
}
