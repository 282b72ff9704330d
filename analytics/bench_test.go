package analytics

import (
	"context"
	"os"
	"sync"
	"testing"
)

// The benchmarks run on the demo database, or on the database file named by
// XXGK_BENCH_DB (for instance a national corpus loaded with xxgk ingest):
//
//	go test ./analytics -run '^$' -bench . -count 5
//	XXGK_BENCH_DB=/tmp/national.duckdb go test ./analytics -run '^$' -bench .
var (
	benchOnce   sync.Once
	benchReader *DB
	benchCounty string
	benchTown   Township
	benchYear   int
)

func benchSetup(b *testing.B) *DB {
	b.Helper()
	benchOnce.Do(func() {
		benchReader = demo
		if path := os.Getenv("XXGK_BENCH_DB"); path != "" {
			db, err := OpenReadOnly(context.Background(), path)
			if err != nil {
				b.Fatal(err)
			}
			benchReader = New(db)
		}
		years, err := benchReader.Years(ctx)
		if err != nil || len(years) == 0 {
			b.Fatalf("years: %v %v", years, err)
		}
		benchYear = years[len(years)-1]
		counties, err := benchReader.Counties(ctx)
		if err != nil || len(counties) == 0 {
			b.Fatalf("counties: %v %v", counties, err)
		}
		benchCounty = counties[len(counties)/2].Name
		top, err := benchReader.Rankings(ctx, RankingQuery{Metric: MetricActivityIndex, County: benchCounty, Limit: 1})
		if err != nil || len(top.Rows) == 0 {
			b.Fatalf("rankings: %v %v", top, err)
		}
		benchTown = top.Rows[0].Township
	})
	if benchReader == nil {
		b.Fatal("benchmark setup failed")
	}
	return benchReader
}

func bench(b *testing.B, f func(r *DB) error) {
	r := benchSetup(b)
	if err := f(r); err != nil { // warm: prepared statements, caches
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if err := f(r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRankings(b *testing.B) {
	bench(b, func(r *DB) error {
		_, err := r.Rankings(ctx, RankingQuery{Year: benchYear, Metric: MetricActivityIndex, Limit: 50})
		return err
	})
}

func BenchmarkRankingsCounty(b *testing.B) {
	bench(b, func(r *DB) error {
		_, err := r.Rankings(ctx, RankingQuery{Year: benchYear, Metric: MetricProactiveItems, County: benchCounty})
		return err
	})
}

func BenchmarkTownshipHistory(b *testing.B) {
	bench(b, func(r *DB) error {
		_, err := r.TownshipHistory(ctx, benchTown.Name, benchTown.County)
		return err
	})
}

func BenchmarkZeroActivity(b *testing.B) {
	bench(b, func(r *DB) error {
		_, err := r.ZeroActivity(ctx, ListQuery{Year: benchYear, County: benchCounty})
		return err
	})
}

func BenchmarkMissing(b *testing.B) {
	bench(b, func(r *DB) error {
		_, err := r.Missing(ctx, ListQuery{County: benchCounty})
		return err
	})
}

func BenchmarkQuality(b *testing.B) {
	bench(b, func(r *DB) error {
		_, err := r.Quality(ctx, ListQuery{County: benchCounty})
		return err
	})
}

func BenchmarkRollupsCounty(b *testing.B) {
	bench(b, func(r *DB) error {
		_, err := r.Rollups(ctx, RollupQuery{Level: LevelCounty, County: benchCounty})
		return err
	})
}

func BenchmarkRollupsAll(b *testing.B) {
	bench(b, func(r *DB) error {
		_, err := r.Rollups(ctx, RollupQuery{Level: LevelAll})
		return err
	})
}

func BenchmarkSearchTownships(b *testing.B) {
	bench(b, func(r *DB) error {
		_, err := r.SearchTownships(ctx, benchTown.Name, 20)
		return err
	})
}

func BenchmarkYearsCounties(b *testing.B) {
	bench(b, func(r *DB) error {
		if _, err := r.Years(ctx); err != nil {
			return err
		}
		_, err := r.Counties(ctx)
		return err
	})
}

func BenchmarkRunSQL(b *testing.B) {
	bench(b, func(r *DB) error {
		_, err := RunSQL(ctx, r.SQL, "SELECT township, year, proactive_items FROM proactive WHERE year = 2024 ORDER BY 3 DESC LIMIT 20", ConsoleOptions{})
		return err
	})
}

func BenchmarkReportsCounty(b *testing.B) {
	bench(b, func(r *DB) error {
		_, err := r.Reports(ctx, ListQuery{Year: benchYear, County: benchCounty})
		return err
	})
}

func BenchmarkReportsAll(b *testing.B) {
	bench(b, func(r *DB) error {
		_, err := r.Reports(ctx, ListQuery{Year: benchYear, Limit: MaxLimit})
		return err
	})
}

func BenchmarkTopReportsAll(b *testing.B) {
	bench(b, func(r *DB) error {
		_, err := r.TopReports(ctx, TopQuery{Year: benchYear, By: TopRequestsProcessed, Limit: 30})
		return err
	})
}

func BenchmarkRequestTotalsAll(b *testing.B) {
	bench(b, func(r *DB) error {
		_, err := r.RequestTotals(ctx, ListQuery{Year: benchYear})
		return err
	})
}

func BenchmarkListCountsCounty(b *testing.B) {
	bench(b, func(r *DB) error {
		_, err := r.ListCounts(ctx, Scope{County: benchCounty})
		return err
	})
}

func BenchmarkListCountsAll(b *testing.B) {
	bench(b, func(r *DB) error {
		_, err := r.ListCounts(ctx, Scope{})
		return err
	})
}

func BenchmarkZeroStreaksAll(b *testing.B) {
	bench(b, func(r *DB) error {
		_, err := r.ZeroStreaks(ctx, ListQuery{Year: benchYear})
		return err
	})
}
