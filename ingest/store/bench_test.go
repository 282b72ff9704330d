package store

import (
	"context"
	"path/filepath"
	"testing"
)

// BenchmarkIngest loads the demo corpus (415 reports in five layouts) into a
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
