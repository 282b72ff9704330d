package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"xxgk/ingest/store"
)

func runIngest(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fl.SetOutput(stderr)
	dbPath := fl.String("db", store.DefaultPath, "DuckDB database `file` (created if absent)")
	regionsPath := fl.String("regions", "", "regions.csv placing each body in township › county › city › province, merged into the regions loaded before (default: DIR/regions.csv when a single DIR is given)")
	timings := fl.Bool("timings", false, "say how long the run spent in the database and in the materialised tables (xxgk bench reads it)")
	cpuProfile := fl.String("cpuprofile", "", "write a CPU profile of the run to `file` (go tool pprof)")
	traceFile := fl.String("trace", "", "write an execution trace of the run to `file` (go tool trace)")
	replace := fl.Bool("replace", false, "let a document replace a loaded report even when it holds fewer of the report's parts (the old one is kept as a version)")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: xxgk ingest [--db FILE] [--regions regions.csv] [--replace] PATH...")
		fmt.Fprintln(stderr, "Parses every report under the paths and loads them into DuckDB in one transaction;")
		fmt.Fprintln(stderr, "when an xxgk serve has the database open, hands them to it.")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() == 0 {
		fl.Usage()
		return 2
	}
	// SIGTERM and SIGHUP stop a run as Ctrl-C does: rolled back, and said.
	ctx, stop := withTermination(ctx)
	defer stop()
	warn := func(msg string) { fmt.Fprintf(stderr, "xxgk ingest: %s\n", msg) }
	files, err := collectFiles(fl.Args(), warn)
	if err != nil {
		fmt.Fprintf(stderr, "xxgk ingest: %v\n", err)
		return 1
	}
	opt := store.Options{Replace: *replace, By: currentUser(), Checkpoint: true}
	if *regionsPath == "" && fl.NArg() == 1 {
		if guess := filepath.Join(fl.Arg(0), "regions.csv"); fileExists(guess) {
			*regionsPath = guess
		}
	}
	if *regionsPath != "" {
		if opt.Regions, err = store.ReadRegions(*regionsPath); err != nil {
			fmt.Fprintf(stderr, "xxgk ingest: %s\n", store.EscapeName(err.Error()))
			return 1
		}
	}
	stopProfiles, err := startProfiles(*cpuProfile, *traceFile)
	defer stopProfiles()
	if err != nil {
		fmt.Fprintf(stderr, "xxgk ingest: %v\n", err)
		return 1
	}
	bar := newProgress(stderr, "ingest")
	opt.Progress = func(done, total int) {
		bar.update(done, total)
		if progressHook != nil {
			progressHook(done, total)
		}
	}
	sum, err := ingestInto(ctx, *dbPath, files, opt, stderr)
	bar.done()
	code := reportRun(stdout, stderr, *dbPath, sum, err)
	if *timings && sum.Committed {
		fmt.Fprintf(stderr, "database: %s of the run (materialised tables %s, copied prose %s)\n",
			sum.Database.Round(time.Millisecond), sum.Materialise.Round(time.Millisecond), sum.CopiedProse.Round(time.Millisecond))
		for _, t := range sum.Steps {
			fmt.Fprintf(stderr, "step: %s %s (CPU %s)\n", t.Table, t.Time.Round(time.Millisecond), t.CPU.Round(time.Millisecond))
		}
		for _, t := range sum.Tables {
			fmt.Fprintf(stderr, "materialised: %s %s (CPU %s)\n", t.Table, t.Time.Round(time.Millisecond), t.CPU.Round(time.Millisecond))
		}
	}
	return code
}

// ingestGoMemory bounds the Go side of xxgk ingest (files listed, reports
// parsed and in flight, identities of the run) as DuckDB's memory_limit
// bounds its side, so that a national run stays under 1 GB: without it the
// Go heap grew to twice what it held (275 MB of which about half live).
// A GOMEMLIMIT in the environment wins. main sets it for the ingest
// command alone: a server's pages and a test process are not bounded so.
const ingestGoMemory = 192 << 20

// ingestGCPercent lets the Go heap grow toward that bound before it is
// collected. What a run keeps is compact (store.PathList, the run's
// township-years as numbers): 45–55 MB live at the national size while
// the parsers make garbage fast, so Go's default (collect at twice the
// live heap) collected every 40–50 MB: 992 collections in the first
// 250,000 files of a national run, 9.5% of its CPU by the runtime's own
// count. With 400, 15,860 reports took 11.2–11.5 CPU-seconds instead of
// 14.0–16.2 (load 18). A GOGC in the environment wins.
const ingestGCPercent = 400

func boundGoMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(ingestGoMemory)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(ingestGCPercent)
	}
}

// progressHook, set by tests, is called after each file.
var progressHook func(done, total int)

// ingestInto loads files into the database at path, or hands them to the
// server that has it open.
func ingestInto(ctx context.Context, path string, files *store.PathList, opt store.Options, stderr io.Writer) (store.Summary, error) {
	if srv, ok := findServer(path); ok {
		fmt.Fprintf(stderr, "xxgk ingest: %s is served by xxgk serve at %s; handing the files to it\n", path, srv.Addr)
		return srv.ingest(ctx, files, opt)
	}
	s, err := store.Open(ctx, path)
	if err != nil {
		return store.Summary{}, err
	}
	defer s.Close()
	return s.IngestList(ctx, files, opt)
}

// reportRun prints what a run did and returns the exit status: 1 when any
// file failed or was refused, or the run was not stored. It never says
// nothing was stored of a run that was committed.
func reportRun(stdout, stderr io.Writer, dbPath string, sum store.Summary, err error) int {
	if err != nil && !sum.Committed {
		if errors.Is(err, context.Canceled) {
			fmt.Fprintln(stderr, "xxgk ingest: interrupted; nothing of this run was stored")
		} else {
			fmt.Fprintf(stderr, "xxgk ingest: %s; nothing of this run was stored\n", store.EscapeName(err.Error()))
		}
		return 1
	}
	for _, n := range sum.Notes {
		fmt.Fprintf(stderr, "%s: %s: %s\n", n.Action, n.File, n.Detail)
	}
	if sum.RegionsAdded > 0 || len(sum.RegionsChanged) > 0 {
		fmt.Fprintf(stderr, "regions: %d added, %d placed anew\n", sum.RegionsAdded, len(sum.RegionsChanged))
		for _, c := range sum.RegionsChanged {
			fmt.Fprintf(stderr, "  placed anew: %s\n", c)
		}
	}
	if sum.PlacedNow > 0 {
		fmt.Fprintf(stderr, "regions: %d reports loaded unplaced before are placed now\n", sum.PlacedNow)
	}
	fmt.Fprintf(stdout, "run %d into %s: %d loaded, %d replaced, %d unchanged, %d refused, %d failed; %d flagged by checks, %d unplaced (%s)\n",
		sum.RunID, store.EscapeName(dbPath), sum.Loaded, sum.Replaced, sum.Unchanged, sum.Refused, sum.Failed, sum.Flagged, sum.Unplaced,
		sum.Finished.Sub(sum.Started).Round(time.Millisecond))
	if err != nil {
		fmt.Fprintf(stderr, "xxgk ingest: the run is stored, but: %s\n", store.EscapeName(err.Error()))
		return 1
	}
	if sum.Failed > 0 || sum.Refused > 0 {
		return 1
	}
	return 0
}

// currentUser names who runs the command, for the run and the versions it
// replaces.
func currentUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return os.Getenv("USER")
}

func fileExists(path string) bool {
	info, err := os.Stat(path)
	return err == nil && !info.IsDir()
}

// progress draws a bar with rate and ETA when w is a terminal, and a plain
// line every few seconds otherwise (logs, CI).
type progress struct {
	w        io.Writer
	label    string
	tty      bool
	start    time.Time
	last     time.Time
	lastDone int
	total    int
}

func newProgress(w io.Writer, label string) *progress {
	tty := false
	if f, ok := w.(*os.File); ok {
		if info, err := f.Stat(); err == nil && info.Mode()&os.ModeCharDevice != 0 {
			tty = true
		}
	}
	return &progress{w: w, label: label, tty: tty, start: time.Now()}
}

func (p *progress) update(done, total int) {
	p.lastDone, p.total = done, total
	now := time.Now()
	interval := 5 * time.Second
	if p.tty {
		interval = 100 * time.Millisecond
	}
	if done < total && now.Sub(p.last) < interval {
		return
	}
	p.last = now
	elapsed := now.Sub(p.start).Seconds()
	rate := float64(done) / max(elapsed, 1e-9)
	eta := time.Duration(float64(total-done) / max(rate, 1e-9) * float64(time.Second))
	if p.tty {
		const width = 30
		filled := width * done / max(total, 1)
		fmt.Fprintf(p.w, "\r%s [%s%s] %d/%d files  %.0f/s  ETA %s ", p.label,
			strings.Repeat("=", filled), strings.Repeat(" ", width-filled), done, total, rate, eta.Round(time.Second))
		return
	}
	fmt.Fprintf(p.w, "%s: %d/%d files, %.0f/s, ETA %s\n", p.label, done, total, rate, eta.Round(time.Second))
}

func (p *progress) done() {
	if p.tty && p.total > 0 {
		fmt.Fprintln(p.w)
	}
}
