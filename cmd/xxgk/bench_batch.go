package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
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
		if err := os.WriteFile(dst, append(b, "\n（更正版）\n"...), 0o644); err != nil {
			return err
		}
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
