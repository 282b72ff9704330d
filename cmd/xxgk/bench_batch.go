package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// batchSize is the reports of a county's batch: its townships' reports of
// the latest year, sent again corrected.
const batchSize = 20

// benchBatch measures what one county's batch costs once the database
// holds the whole corpus: 20 reports of the latest year, each changed by a
// line (so each replaces the loaded one), ingested as xxgk ingest does; the
// materialised tables are refreshed for that county and year.
func benchBatch(ctx context.Context, c benchConfig, corpus, db string, out func(benchFigure), log io.Writer) error {
	files, err := countyBatch(filepath.Join(corpus, "reports"))
	if err != nil {
		return err
	}
	dir := filepath.Join(c.dir, "batch")
	defer os.RemoveAll(dir)
	if err := writeCorrected(corpus, files, dir, "（更正版）"); err != nil {
		return err
	}
	fmt.Fprintf(log, "bench: a county's batch of %d corrected reports\n", len(files))
	m, err := timeCommand(ctx, c.executable, "ingest", "--timings", "--db", db, dir)
	if err != nil {
		return err
	}
	times, err := m.database()
	if err != nil {
		return err
	}
	out(benchFigure{"batch20_ingest_ms", float64(m.wall.Milliseconds()), "ms", ""})
	out(benchFigure{"batch20_db_ms", float64(times.total.Milliseconds()), "ms", ""})
	out(benchFigure{"batch20_materialise_ms", float64(times.materialise.Milliseconds()), "ms", ""})
	out(benchFigure{"batch20_copied_prose_ms", float64(times.copiedProse.Milliseconds()), "ms", ""})
	return nil
}

// writeCorrected copies the batch's files under dir (their paths under the
// corpus kept), each with the line note added: a corrected version, which
// replaces the loaded one.
func writeCorrected(corpus string, files []string, dir, note string) error {
	for _, f := range files {
		rel, err := filepath.Rel(corpus, f)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		if !strings.HasSuffix(f, ".txt") {
			return fmt.Errorf("batch: %s is not a text report", f)
		}
		dst := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, append(b, "\n"+note+"\n"...), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// wholeCountryPages are the pages a server builds ahead of its first
// visitors (dashboard.Server.Warm).
var wholeCountryPages = []string{"/", "/requests", "/appeals", "/quality", "/counties", "/rankings", "/problems", "/township", "/definitions"}

// serverBatches is how many batches benchServerBatch sends one server: the
// first pays what a server does once (the regions the placer reads), the
// others are a county office's batches in spring.
const serverBatches = 3

// benchServerBatch measures a county's batch as the issue asks, in a
// running server: xxgk serve holds the database (its pages built), and
// xxgk ingest hands it each batch of 20 corrected reports (the same as
// POST /api/ingest). The
// time is the handed-over command's, start to exit (an upper bound of the
// server's part); the memory is the server's peak resident set during
// the batch less its resident set before (its peak reset, clear_refs).
func benchServerBatch(ctx context.Context, c benchConfig, corpus, db string, out func(benchFigure), log io.Writer) error {
	files, err := countyBatch(filepath.Join(corpus, "reports"))
	if err != nil {
		return err
	}
	srv, err := startServer(ctx, c.executable, db)
	if err != nil {
		return err
	}
	defer srv.stop()
	// The server builds the whole country's pages in the background once
	// it listens (dashboard.Server.Warm); a batch measured beside that
	// counted the pages' memory and CPU as the batch's (458 MB "extra").
	// Asking for them waits until they are built.
	for _, route := range wholeCountryPages {
		if _, err := srv.get(ctx, route); err != nil {
			return err
		}
	}
	pid := srv.cmd.Process.Pid
	var first, last time.Duration
	var extra float64
	for i := range serverBatches {
		dir := filepath.Join(c.dir, fmt.Sprintf("server-batch-%d", i))
		if err := writeCorrected(corpus, files, dir, fmt.Sprintf("（第 %d 次更正）", i+1)); err != nil {
			return err
		}
		before := procStatusMB(pid, "VmRSS")
		// Resets VmHWM to the current resident set (Linux: "5").
		os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", pid), []byte("5"), 0)
		m, err := timeCommand(ctx, c.executable, "ingest", "--timings", "--db", db, dir)
		os.RemoveAll(dir)
		if err != nil {
			return err
		}
		extra = max(extra, procStatusMB(pid, "VmHWM")-before)
		fmt.Fprintf(log, "bench: batch %d in the server: %s\n", i+1, m.wall.Round(time.Millisecond))
		if i == 0 {
			first = m.wall
		}
		last = m.wall
	}
	out(benchFigure{"batch20_server_first_ms", float64(first.Milliseconds()), "ms", ""})
	out(benchFigure{"batch20_server_ms", float64(last.Milliseconds()), "ms", "≤ 300"})
	out(benchFigure{"batch20_server_extra_rss_mb", round(extra, 0), "MB", "≤ 100"})
	return nil
}

// countyBatch returns up to batchSize text reports of the latest year in
// the first county folder that has them (reports/PROVINCE/COUNTY/NAME-YEAR.EXT).
func countyBatch(reports string) ([]string, error) {
	byCounty := map[string][]string{}
	latest := ""
	var order []string
	err := filepath.WalkDir(reports, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txt") {
			return err
		}
		year := strings.TrimSuffix(p[strings.LastIndexByte(p, '-')+1:], ".txt")
		if year > latest {
			latest = year
		}
		dir := filepath.Dir(p)
		if byCounty[dir] == nil {
			order = append(order, dir)
		}
		byCounty[dir] = append(byCounty[dir], p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	var best []string
	for _, dir := range order {
		var ofYear []string
		for _, p := range byCounty[dir] {
			if strings.HasSuffix(p, "-"+latest+".txt") {
				ofYear = append(ofYear, p)
			}
		}
		if len(ofYear) > len(best) {
			best = ofYear
		}
		if len(best) >= batchSize {
			break
		}
	}
	if len(best) == 0 {
		return nil, fmt.Errorf("batch: no text report of %s under %s", latest, reports)
	}
	return best[:min(len(best), batchSize)], nil
}
