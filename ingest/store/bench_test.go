package store

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkIngest loads the demo corpus (479 reports in five layouts) into a
// fresh database per iteration: parsing on all cores, appending, committing.
func BenchmarkIngest(b *testing.B) {
	files, err := filepath.Glob("../../fixtures/demo/reports/*/*/*")
	if err != nil || len(files) == 0 {
		b.Fatalf("demo corpus: %v", err)
	}
	regions, err := ReadRegions("../../fixtures/demo/regions.csv")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		b.StopTimer()
		s, err := Open(context.Background(), filepath.Join(b.TempDir(), "x.duckdb"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		sum, err := s.Ingest(context.Background(), files, Options{Regions: regions})
		if err != nil || sum.Loaded != len(files) {
			b.Fatalf("loaded %d of %d: %v", sum.Loaded, len(files), err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(b.N*len(files))/b.Elapsed().Seconds(), "reports/s")
}

// BenchmarkIngestBatch loads a batch of 20 changed reports, as a county
// office sends them in spring (one folder's reports of one year, batchOf),
// into a database that already holds many:
// each is a replacement (its old version kept). XXGK_BENCH_DB names a
// database to load into (it is changed: use a copy) and XXGK_BENCH_CORPUS
// the folder its reports came from; by default the demo corpus is loaded
// into a fresh database first. It reports the extra peak memory of a batch
// (VmHWM after resetting it, less VmRSS before), DuckDB's included.
func BenchmarkIngestBatch(b *testing.B) {
	ctx := context.Background()
	dbPath, corpus := os.Getenv("XXGK_BENCH_DB"), os.Getenv("XXGK_BENCH_CORPUS")
	if dbPath == "" {
		dbPath, corpus = filepath.Join(b.TempDir(), "x.duckdb"), "../../fixtures/demo/reports"
	}
	s, err := Open(ctx, dbPath)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	texts := batchOf(corpus, 20)
	if len(texts) < 20 {
		b.Fatalf("%d text reports under %s", len(texts), corpus)
	}
	var reports int
	s.DB.QueryRow(`SELECT count(*) FROM reports`).Scan(&reports)
	if reports == 0 {
		regions, _ := ReadRegions("../../fixtures/demo/regions.csv")
		var all []string
		filepath.WalkDir(corpus, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				all = append(all, p)
			}
			return nil
		})
		if _, err := s.Ingest(ctx, all, Options{Regions: regions}); err != nil {
			b.Fatal(err)
		}
		s.DB.QueryRow(`SELECT count(*) FROM reports`).Scan(&reports)
	}
	dir := b.TempDir()
	batch := make([]Source, len(texts))
	for i, p := range texts {
		batch[i] = Source{Path: filepath.Join(dir, fmt.Sprint(i, ".txt")), Name: EscapeName(p)}
	}
	// Loaded once untimed, so that every timed batch replaces.
	for i, p := range texts {
		body, _ := os.ReadFile(p)
		os.WriteFile(batch[i].Path, body, 0o644)
	}
	if _, err := s.IngestSources(ctx, batch, Options{}); err != nil {
		b.Fatal(err)
	}
	var extra int64
	n := 0
	for b.Loop() {
		b.StopTimer()
		n++
		for i, p := range texts {
			body, _ := os.ReadFile(p)
			os.WriteFile(batch[i].Path, append(body, fmt.Sprintf("\n第 %d 次更正。\n", n)...), 0o644)
		}
		before := rss("VmRSS")
		os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
		b.StartTimer()
		sum, err := s.IngestSources(ctx, batch, Options{})
		b.StopTimer()
		if err != nil || sum.Replaced != len(batch) {
			b.Fatalf("%+v %v", sum, err)
		}
		extra = max(extra, rss("VmHWM")-before)
		b.StartTimer()
	}
	b.ReportMetric(float64(extra)/(1<<20), "MB-extra-peak")
	b.ReportMetric(float64(reports), "reports-in-db")
}

// batchOf picks n text reports as a county office sends them: of one
// folder and one year (NAME-YEAR.txt) when a folder has n of a year, as
// xxgk bench's batch; otherwise the first n text reports. A batch over
// several years costs the refresh of every year's ranks.
func batchOf(corpus string, n int) []string {
	var first []string
	groups := map[string][]string{}
	var found []string
	filepath.WalkDir(corpus, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txt") || found != nil {
			return nil
		}
		if len(first) < n {
			first = append(first, p)
		}
		key := filepath.Dir(p) + "|" + p[strings.LastIndexByte(p, '-')+1:]
		if groups[key] = append(groups[key], p); len(groups[key]) == n {
			found = groups[key]
		}
		return nil
	})
	if found != nil {
		return found
	}
	return first
}

// rss reads a memory figure of this process from /proc/self/status, in bytes.
func rss(field string) int64 {
	b, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			var kb int64
			fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(v), " kB"), &kb)
			return kb << 10
		}
	}
	return 0
}
