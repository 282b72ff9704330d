// Package analyticsource provides the dashboard's Source over package
// analytics (typed reads over the DuckDB views): it narrows each call to the
// selection's places and year and keeps the results. The types are
// analytics' own: nothing is copied.
//
// Every method is one analytics call narrowed in SQL to the selection's
// places and year, so a page costs the same few queries on a county as on a
// country, and nothing is read at start but the catalog and the landing
// page. A list's total comes with it (count(*) OVER () in its query). The
// database changes only through the server's own writer (DuckDB lets no
// other process open a file that one process writes), which calls Advance
// after each commit; so every result is kept, keyed by the data version,
// the method and its arguments, in a cache bounded by the results' rows
// (DefaultCacheRows): the least recently used go first.
package analyticsource

import (
	"context"
	"errors"
	"fmt"

	"golang.org/x/sync/errgroup"

	"xxgk/analytics"
	"xxgk/dashboard"
)

// Source implements dashboard.Source over an analytics.Reader.
type Source struct {
	r     analytics.Reader
	cache *cache
}

var _ dashboard.Source = (*Source)(nil)

// New returns a Source reading r that keeps up to DefaultCacheRows rows of
// results.
func New(r analytics.Reader) *Source { return NewSized(r, DefaultCacheRows) }

// NewSized returns a Source reading r that keeps up to maxRows rows of
// results.
func NewSized(r analytics.Reader, maxRows int64) *Source {
	return &Source{r: r, cache: newCache(maxRows)}
}

// all asks analytics for every row a list can hold (MaxLimit): a list
// longer than that, a whole country's reports of a year, is cut, and its
// Total says so.
const all = analytics.MaxLimit

// Warm reads, before the first visitor asks, the catalog and what the
// landing page shows: the totals of every place by year, the default
// ranking of the latest year and the county scorecard. That is seven
// analytics calls whatever the size of the database; everything else is
// read on first request.
func (s *Source) Warm(ctx context.Context) error {
	cat, err := s.Catalog(ctx)
	if err != nil {
		return err
	}
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { _, err := s.Summary(gctx, dashboard.Scope{}); return err })
	g.Go(func() error {
		_, err := s.Rankings(gctx, dashboard.Scope{}, dashboard.Metrics[0].Key, cat.Latest())
		return err
	})
	// The landing page's county scorecard reads every flag (review_queue):
	// the costliest read of the page, so not left to the first visitor.
	g.Go(func() error { _, err := s.Scorecards(gctx, dashboard.Scope{}, cat.Latest()); return err })
	return g.Wait()
}

// CacheStats returns the number of results kept and their rows.
func (s *Source) CacheStats() (entries int, bytes int64) { return s.cache.stats() }

// Catalog implements dashboard.Source.
func (s *Source) Catalog(ctx context.Context) (dashboard.Catalog, error) {
	return cached(ctx, s.cache, key("Catalog"), func(ctx context.Context) (dashboard.Catalog, error) {
		var c dashboard.Catalog
		var err error
		if c.Years, err = s.r.Years(ctx); err != nil {
			return c, err
		}
		if c.Counties, err = s.r.Counties(ctx); err != nil {
			return c, err
		}
		th, err := s.r.Thresholds(ctx)
		if err != nil {
			return c, err
		}
		c.MinRateDenominator = th.MinRateDenominator
		c.LoadedAt, err = s.r.LoadedAt(ctx)
		return c, err
	})
}

// Summary implements dashboard.Source with analytics' roll-ups at the level
// of the scope.
func (s *Source) Summary(ctx context.Context, sc dashboard.Scope) ([]analytics.Rollup, error) {
	return cached(ctx, s.cache, key("Summary", sc), func(ctx context.Context) ([]analytics.Rollup, error) {
		q := analytics.RollupQuery{Level: analytics.LevelAll, Province: sc.Province, City: sc.City, County: sc.County, Limit: all}
		switch {
		case sc.County != "":
			q.Level = analytics.LevelCounty
		case sc.City != "":
			q.Level = analytics.LevelCity
		case sc.Province != "":
			q.Level = analytics.LevelProvince
		}
		return s.r.Rollups(ctx, q)
	})
}

// Counts implements dashboard.Source.
func (s *Source) Counts(ctx context.Context, sc dashboard.Scope) ([]analytics.ListCount, error) {
	return cached(ctx, s.cache, key("Counts", sc), func(ctx context.Context) ([]analytics.ListCount, error) {
		return s.r.ListCounts(ctx, sc)
	})
}

// Rankings implements dashboard.Source.
func (s *Source) Rankings(ctx context.Context, sc dashboard.Scope, metric string, year int) (dashboard.List[analytics.Ranking], error) {
	return cached(ctx, s.cache, key("Rankings", sc, metric, year), func(ctx context.Context) (dashboard.List[analytics.Ranking], error) {
		m, err := analytics.ParseMetric(metric)
		if err != nil {
			return dashboard.List[analytics.Ranking]{}, err
		}
		return s.r.Rankings(ctx, analytics.RankingQuery{Year: year, Metric: m,
			Province: sc.Province, City: sc.City, County: sc.County, Limit: all})
	})
}

// Reports implements dashboard.Source.
func (s *Source) Reports(ctx context.Context, sc dashboard.Scope, year int) (dashboard.List[analytics.ReportSummary], error) {
	return cached(ctx, s.cache, key("Reports", sc, year), func(ctx context.Context) (dashboard.List[analytics.ReportSummary], error) {
		return s.r.Reports(ctx, listQuery(sc, year))
	})
}

// TopReports implements dashboard.Source.
func (s *Source) TopReports(ctx context.Context, sc dashboard.Scope, year int, by string, n int) ([]analytics.ReportSummary, error) {
	return cached(ctx, s.cache, key("TopReports", sc, year, by, n), func(ctx context.Context) ([]analytics.ReportSummary, error) {
		return s.r.TopReports(ctx, analytics.TopQuery{Year: year, By: analytics.TopColumn(by),
			Province: sc.Province, City: sc.City, County: sc.County, Limit: n})
	})
}

// RequestTotals implements dashboard.Source.
func (s *Source) RequestTotals(ctx context.Context, sc dashboard.Scope, year int) (analytics.RequestTotals, error) {
	return cached(ctx, s.cache, key("RequestTotals", sc, year), func(ctx context.Context) (analytics.RequestTotals, error) {
		return s.r.RequestTotals(ctx, listQuery(sc, year))
	})
}

// Township implements dashboard.Source.
func (s *Source) Township(ctx context.Context, county, name string) (*analytics.History, error) {
	return cached(ctx, s.cache, key("Township", county, name), func(ctx context.Context) (*analytics.History, error) {
		h, err := s.r.TownshipHistory(ctx, name, county)
		if errors.Is(err, analytics.ErrNotFound) {
			return nil, fmt.Errorf("%w: %w", dashboard.ErrNotFound, err)
		}
		return h, err
	})
}

// ZeroActivity implements dashboard.Source.
func (s *Source) ZeroActivity(ctx context.Context, sc dashboard.Scope, year int) (dashboard.List[analytics.ZeroActivity], error) {
	return cached(ctx, s.cache, key("ZeroActivity", sc, year), func(ctx context.Context) (dashboard.List[analytics.ZeroActivity], error) {
		return s.r.ZeroActivity(ctx, listQuery(sc, year))
	})
}

// ZeroStreaks implements dashboard.Source.
func (s *Source) ZeroStreaks(ctx context.Context, sc dashboard.Scope, year int) ([]analytics.StreakCount, error) {
	return cached(ctx, s.cache, key("ZeroStreaks", sc, year), func(ctx context.Context) ([]analytics.StreakCount, error) {
		return s.r.ZeroStreaks(ctx, listQuery(sc, year))
	})
}

// Missing implements dashboard.Source.
func (s *Source) Missing(ctx context.Context, sc dashboard.Scope, year int) (dashboard.List[analytics.MissingReport], error) {
	return cached(ctx, s.cache, key("Missing", sc, year), func(ctx context.Context) (dashboard.List[analytics.MissingReport], error) {
		return s.r.Missing(ctx, listQuery(sc, year))
	})
}

// Quality implements dashboard.Source.
func (s *Source) Quality(ctx context.Context, sc dashboard.Scope, year int) (dashboard.List[analytics.QualityIssue], error) {
	return cached(ctx, s.cache, key("Quality", sc, year), func(ctx context.Context) (dashboard.List[analytics.QualityIssue], error) {
		return s.r.Quality(ctx, listQuery(sc, year))
	})
}

// CountyComparison implements dashboard.Source.
func (s *Source) CountyComparison(ctx context.Context, sc dashboard.Scope) ([]analytics.CountyYear, error) {
	sc.County = ""
	return cached(ctx, s.cache, key("CountyComparison", sc), func(ctx context.Context) ([]analytics.CountyYear, error) {
		return s.r.CountyComparison(ctx, sc)
	})
}

// BodyKinds implements dashboard.Source.
func (s *Source) BodyKinds(ctx context.Context, county string) ([]analytics.BodyKind, error) {
	return cached(ctx, s.cache, key("BodyKinds", county), func(ctx context.Context) ([]analytics.BodyKind, error) { return s.r.BodyKinds(ctx, county) })
}

// Report implements dashboard.Source.
func (s *Source) Report(ctx context.Context, id int64) (*analytics.ReportDetail, error) {
	return cached(ctx, s.cache, key("Report", id), func(ctx context.Context) (*analytics.ReportDetail, error) { return s.r.Report(ctx, id) })
}

// Unplaced implements dashboard.Source.
func (s *Source) Unplaced(ctx context.Context) (dashboard.List[analytics.TownshipInfo], error) {
	return cached(ctx, s.cache, key("Unplaced"), func(ctx context.Context) (dashboard.List[analytics.TownshipInfo], error) {
		return s.r.Unplaced(ctx, all)
	})
}

// Search implements dashboard.Source.
func (s *Source) Search(ctx context.Context, text string, limit int) ([]analytics.TownshipInfo, error) {
	return cached(ctx, s.cache, key("Search", text, limit), func(ctx context.Context) ([]analytics.TownshipInfo, error) {
		return s.r.SearchTownships(ctx, text, limit)
	})
}

// listQuery narrows an analytics list to a scope and a year.
func listQuery(sc dashboard.Scope, year int) analytics.ListQuery {
	return analytics.ListQuery{Year: year, Province: sc.Province, City: sc.City, County: sc.County, Limit: all}
}

// ReviewQueue implements dashboard.Source.
func (s *Source) ReviewQueue(ctx context.Context, sc dashboard.Scope, year int, kind, status string) (dashboard.List[analytics.Flag], error) {
	return cached(ctx, s.cache, key("ReviewQueue", sc, year, kind, status), func(ctx context.Context) (dashboard.List[analytics.Flag], error) {
		return s.r.ReviewQueue(ctx, analytics.ReviewQuery{Year: year, Province: sc.Province, City: sc.City, County: sc.County,
			Kind: kind, Status: status, Limit: analytics.MaxLimit})
	})
}

// Scorecards implements dashboard.Source.
func (s *Source) Scorecards(ctx context.Context, sc dashboard.Scope, year int) ([]analytics.Scorecard, error) {
	sc.County = ""
	return cached(ctx, s.cache, key("Scorecards", sc, year), func(ctx context.Context) ([]analytics.Scorecard, error) { return s.r.Scorecards(ctx, sc, year) })
}
