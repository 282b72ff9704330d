package analytics

import (
	"context"
	"sync"
	"time"
)

// DefaultCacheEntries bounds a Cache; when full it starts afresh.
const DefaultCacheEntries = 4096

// Cache is a Reader that remembers the answers of another. It is correct
// only while the database cannot change underneath: a file opened with
// OpenReadOnly cannot, since DuckDB lets no other process write it while it
// is open. A server that also writes the database must call Reset after each
// write. Callers must not modify the slices and structs it returns: they are
// shared.
type Cache struct {
	r   Reader
	max int

	mu      sync.Mutex
	entries map[cacheKey]any
}

type cacheKey struct {
	method string
	query  any // a comparable query value
}

// NewCache returns a Cache in front of r.
func NewCache(r Reader) *Cache {
	return &Cache{r: r, max: DefaultCacheEntries, entries: map[cacheKey]any{}}
}

// Reset forgets every answer.
func (c *Cache) Reset() {
	c.mu.Lock()
	c.entries = map[cacheKey]any{}
	c.mu.Unlock()
}

var _ Reader = (*Cache)(nil)

// cached returns the remembered answer to (method, query), or asks get and
// remembers its answer unless it failed.
func cached[T any](c *Cache, method string, query any, get func() (T, error)) (T, error) {
	k := cacheKey{method, query}
	c.mu.Lock()
	v, ok := c.entries[k]
	c.mu.Unlock()
	if ok {
		return v.(T), nil
	}
	t, err := get()
	if err != nil {
		return t, err
	}
	c.mu.Lock()
	if len(c.entries) >= c.max {
		c.entries = map[cacheKey]any{}
	}
	c.entries[k] = t
	c.mu.Unlock()
	return t, nil
}

// Years implements Reader.
func (c *Cache) Years(ctx context.Context) ([]int, error) {
	return cached(c, "Years", nil, func() ([]int, error) { return c.r.Years(ctx) })
}

// Unplaced implements Reader.
func (c *Cache) Unplaced(ctx context.Context, limit int) (List[TownshipInfo], error) {
	return cached(c, "Unplaced", limit, func() (List[TownshipInfo], error) { return c.r.Unplaced(ctx, limit) })
}

// LoadedAt implements Reader.
func (c *Cache) LoadedAt(ctx context.Context) (time.Time, error) {
	return cached(c, "LoadedAt", nil, func() (time.Time, error) { return c.r.LoadedAt(ctx) })
}

// CountyComparison implements Reader.
func (c *Cache) CountyComparison(ctx context.Context, s Scope) ([]CountyYear, error) {
	return cached(c, "CountyComparison", s, func() ([]CountyYear, error) { return c.r.CountyComparison(ctx, s) })
}

// Report implements Reader.
func (c *Cache) Report(ctx context.Context, id int64) (*ReportDetail, error) {
	return cached(c, "Report", id, func() (*ReportDetail, error) { return c.r.Report(ctx, id) })
}

// Thresholds implements Reader.
func (c *Cache) Thresholds(ctx context.Context) (Thresholds, error) {
	return cached(c, "Thresholds", nil, func() (Thresholds, error) { return c.r.Thresholds(ctx) })
}

// Counties implements Reader.
func (c *Cache) Counties(ctx context.Context) ([]County, error) {
	return cached(c, "Counties", nil, func() ([]County, error) { return c.r.Counties(ctx) })
}

// Weights implements Reader.
func (c *Cache) Weights(ctx context.Context) ([]Weight, error) {
	return cached(c, "Weights", nil, func() ([]Weight, error) { return c.r.Weights(ctx) })
}

// Rankings implements Reader.
func (c *Cache) Rankings(ctx context.Context, q RankingQuery) (List[Ranking], error) {
	return cached(c, "Rankings", q, func() (List[Ranking], error) { return c.r.Rankings(ctx, q) })
}

// TownshipHistory implements Reader.
func (c *Cache) TownshipHistory(ctx context.Context, township, county string) (*History, error) {
	return cached(c, "TownshipHistory", [2]string{township, county}, func() (*History, error) {
		return c.r.TownshipHistory(ctx, township, county)
	})
}

// Reports implements Reader.
func (c *Cache) Reports(ctx context.Context, q ListQuery) (List[ReportSummary], error) {
	return cached(c, "Reports", q, func() (List[ReportSummary], error) { return c.r.Reports(ctx, q) })
}

// Townships implements Reader.
func (c *Cache) Townships(ctx context.Context, s Scope, limit int) ([]TownshipInfo, error) {
	type q struct {
		s     Scope
		limit int
	}
	return cached(c, "Townships", q{s, limit}, func() ([]TownshipInfo, error) { return c.r.Townships(ctx, s, limit) })
}

// SearchTownships implements Reader.
func (c *Cache) SearchTownships(ctx context.Context, text string, limit int) ([]TownshipInfo, error) {
	type q struct {
		text  string
		limit int
	}
	return cached(c, "SearchTownships", q{text, limit}, func() ([]TownshipInfo, error) {
		return c.r.SearchTownships(ctx, text, limit)
	})
}

// ZeroActivity implements Reader.
func (c *Cache) ZeroActivity(ctx context.Context, q ListQuery) (List[ZeroActivity], error) {
	return cached(c, "ZeroActivity", q, func() (List[ZeroActivity], error) { return c.r.ZeroActivity(ctx, q) })
}

// Missing implements Reader.
func (c *Cache) Missing(ctx context.Context, q ListQuery) (List[MissingReport], error) {
	return cached(c, "Missing", q, func() (List[MissingReport], error) { return c.r.Missing(ctx, q) })
}

// Quality implements Reader.
func (c *Cache) Quality(ctx context.Context, q ListQuery) (List[QualityIssue], error) {
	return cached(c, "Quality", q, func() (List[QualityIssue], error) { return c.r.Quality(ctx, q) })
}

// Rollups implements Reader.
func (c *Cache) Rollups(ctx context.Context, q RollupQuery) ([]Rollup, error) {
	return cached(c, "Rollups", q, func() ([]Rollup, error) { return c.r.Rollups(ctx, q) })
}

// TopReports implements Reader.
func (c *Cache) TopReports(ctx context.Context, q TopQuery) ([]ReportSummary, error) {
	return cached(c, "TopReports", q, func() ([]ReportSummary, error) { return c.r.TopReports(ctx, q) })
}

// RequestTotals implements Reader.
func (c *Cache) RequestTotals(ctx context.Context, q ListQuery) (RequestTotals, error) {
	return cached(c, "RequestTotals", q, func() (RequestTotals, error) { return c.r.RequestTotals(ctx, q) })
}

// ListCounts implements Reader.
func (c *Cache) ListCounts(ctx context.Context, s Scope) ([]ListCount, error) {
	return cached(c, "ListCounts", s, func() ([]ListCount, error) { return c.r.ListCounts(ctx, s) })
}

// ZeroStreaks implements Reader.
func (c *Cache) ZeroStreaks(ctx context.Context, q ListQuery) ([]StreakCount, error) {
	return cached(c, "ZeroStreaks", q, func() ([]StreakCount, error) { return c.r.ZeroStreaks(ctx, q) })
}

// ReviewQueue implements Reader.
func (c *Cache) ReviewQueue(ctx context.Context, q ReviewQuery) (List[Flag], error) {
	return cached(c, "ReviewQueue", q, func() (List[Flag], error) { return c.r.ReviewQueue(ctx, q) })
}

// Scorecards implements Reader.
func (c *Cache) Scorecards(ctx context.Context, s Scope, year int) ([]Scorecard, error) {
	return cached(c, "Scorecards", struct {
		Scope
		Year int
	}{s, year}, func() ([]Scorecard, error) { return c.r.Scorecards(ctx, s, year) })
}
