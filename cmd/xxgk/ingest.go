package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"xxgk/ingest/store"
)

func runIngest(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fl.SetOutput(stderr)
	dbPath := fl.String("db", store.DefaultPath, "DuckDB database `file` (created if absent)")
	regionsPath := fl.String("regions", "", "regions.csv placing each body in township › county › city › province (default: DIR/regions.csv when a single DIR is given)")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: xxgk ingest [--db FILE] [--regions regions.csv] PATH...")
		fmt.Fprintln(stderr, "Parses every report under the paths and loads them into DuckDB in one transaction.")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() == 0 {
		fl.Usage()
		return 2
	}
	files, err := collectFiles(fl.Args())
	if err != nil {
		fmt.Fprintf(stderr, "xxgk ingest: %v\n", err)
		return 1
	}
	opt := store.Options{}
	if *regionsPath == "" && fl.NArg() == 1 {
		if guess := filepath.Join(fl.Arg(0), "regions.csv"); fileExists(guess) {
			*regionsPath = guess
		}
	}
	if *regionsPath != "" {
		if opt.Regions, err = store.ReadRegions(*regionsPath); err != nil {
			fmt.Fprintf(stderr, "xxgk ingest: %v\n", err)
			return 1
		}
	}
	s, err := store.Open(ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(stderr, "xxgk ingest: %v\n", err)
		return 1
	}
	defer s.Close()

	bar := newProgress(stderr, "ingest")
	opt.Progress = bar.update
	sum, err := s.Ingest(ctx, files, opt)
	bar.done()
	if err != nil {
		if errors.Is(err, context.Canceled) {
			fmt.Fprintln(stderr, "xxgk ingest: interrupted; nothing of this run was stored")
		} else {
			fmt.Fprintf(stderr, "xxgk ingest: %v; nothing of this run was stored\n", err)
		}
		return 1
	}
	for _, n := range sum.Notes {
		fmt.Fprintf(stderr, "%s: %s: %s\n", n.Action, n.File, n.Detail)
	}
	fmt.Fprintf(stdout, "run %d into %s: %d loaded, %d replaced, %d unchanged, %d failed; %d flagged by checks, %d unplaced (%s)\n",
		sum.RunID, *dbPath, sum.Loaded, sum.Replaced, sum.Unchanged, sum.Failed, sum.Flagged, sum.Unplaced,
		sum.Finished.Sub(sum.Started).Round(time.Millisecond))
	if sum.Failed > 0 {
		return 1
	}
	return 0
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
