// Package analyticsource adapts package analytics (typed reads over the
// DuckDB views) to the dashboard's Source interface: it maps analytics'
// domain types to the dashboard's and keeps the results.
//
// Every method is one analytics call (a township's history is one call of
// three queries) narrowed in SQL to the selection's places and year, so a
// page costs the same few queries on a county as on a country, and nothing
// is read at start but the catalog and the landing page. A list that
// reaches analytics' row cap is the one exception: a second call (the
// scope's counts, or a ranking's count) says how long the complete list is. The database
// cannot change while a server holds it (DuckDB lets no other process write
// a file that one process has open), so every result is kept, keyed by the
// method and its arguments, in a cache bounded by the results' estimated
// size (DefaultCacheBytes): the least recently used go first.
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

// New returns a Source reading r that keeps up to DefaultCacheBytes of
// results.
func New(r analytics.Reader) *Source { return NewSized(r, DefaultCacheBytes) }

// NewSized returns a Source reading r that keeps up to maxBytes of results
// (estimated).
func NewSized(r analytics.Reader, maxBytes int64) *Source {
	return &Source{r: r, cache: newCache(maxBytes)}
}

// all asks analytics for every row a list can hold (MaxLimit): a list
// longer than that, a whole country's reports of a year, is cut, and its
// List says so.
const all = analytics.MaxLimit

// listOf is the List of rows read under the cap all: a list shorter than
// the cap is complete; one that reaches it asks total for the length of
// the complete list.
func listOf[T any](rows []T, total func() (int, error)) (dashboard.List[T], error) {
	l := dashboard.Whole(rows)
	if len(rows) < all {
		return l, nil
	}
	n, err := total()
	if err != nil {
		return dashboard.List[T]{}, err
	}
	l.Total = max(n, len(rows))
	return l, nil
}

// counted returns how to find, in the scope's counts, the length of one
// complete list: of one year, or (year 0) of every year.
func (s *Source) counted(ctx context.Context, sc dashboard.Scope, year int, field func(dashboard.YearCounts) int) func() (int, error) {
	return func() (int, error) {
		counts, err := s.Counts(ctx, sc)
		if err != nil {
			return 0, err
		}
		n := 0
		for _, c := range counts {
			if year == 0 || c.Year == year {
				n += field(c)
			}
		}
		return n, nil
	}
}

// Warm reads, before the first visitor asks, the catalog and what the
// landing page shows: the totals of every place by year and the default
// ranking of the latest year. That is six analytics calls whatever the
// size of the database; everything else is read on first request.
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
	return g.Wait()
}

// CacheStats returns the number of results kept and their estimated size
// in bytes.
func (s *Source) CacheStats() (entries int, bytes int64) { return s.cache.stats() }

// Catalog implements dashboard.Source.
func (s *Source) Catalog(ctx context.Context) (dashboard.Catalog, error) {
	return cached(s.cache, key("Catalog"), func() (dashboard.Catalog, error) {
		years, err := s.r.Years(ctx)
		if err != nil {
			return dashboard.Catalog{}, err
		}
		counties, err := s.r.Counties(ctx)
		if err != nil {
			return dashboard.Catalog{}, err
		}
		th, err := s.r.Thresholds(ctx)
		if err != nil {
			return dashboard.Catalog{}, err
		}
		loaded, err := s.r.LoadedAt(ctx)
		if err != nil {
			return dashboard.Catalog{}, err
		}
		c := dashboard.Catalog{Years: years, MinRateDenominator: th.MinRateDenominator, LoadedAt: loaded}
		for _, k := range counties {
			c.Places = append(c.Places, dashboard.Place{Province: k.Province, City: k.City, County: k.Name})
		}
		return c, nil
	})
}

// Summary implements dashboard.Source with analytics' roll-ups at the level
// of the scope.
func (s *Source) Summary(ctx context.Context, sc dashboard.Scope) ([]dashboard.YearSummary, error) {
	return cached(s.cache, key("Summary", sc), func() ([]dashboard.YearSummary, error) {
		q := analytics.RollupQuery{Level: analytics.LevelAll, Province: sc.Province, City: sc.City, County: sc.County, Limit: all}
		switch {
		case sc.County != "":
			q.Level = analytics.LevelCounty
		case sc.City != "":
			q.Level = analytics.LevelCity
		case sc.Province != "":
			q.Level = analytics.LevelProvince
		}
		rows, err := s.r.Rollups(ctx, q)
		if err != nil {
			return nil, err
		}
		// One place (the handlers complete a county with its city and
		// province), by year.
		out := make([]dashboard.YearSummary, len(rows))
		for i, r := range rows {
			out[i] = summary(r)
		}
		return out, nil
	})
}

// Counts implements dashboard.Source.
func (s *Source) Counts(ctx context.Context, sc dashboard.Scope) ([]dashboard.YearCounts, error) {
	return cached(s.cache, key("Counts", sc), func() ([]dashboard.YearCounts, error) {
		rows, err := s.r.ListCounts(ctx, analytics.Scope{Province: sc.Province, City: sc.City, County: sc.County})
		if err != nil {
			return nil, err
		}
		out := make([]dashboard.YearCounts, len(rows))
		for i, c := range rows {
			out[i] = dashboard.YearCounts{Year: c.Year, Reports: c.Reports, ZeroActivity: c.ZeroActivity, Missing: c.Missing,
				Flagged: c.Flagged, Arithmetic: c.BreaksArithmetic, Incomplete: c.Incomplete}
		}
		return out, nil
	})
}

// Rankings implements dashboard.Source.
func (s *Source) Rankings(ctx context.Context, sc dashboard.Scope, metric string, year int) (dashboard.List[dashboard.RankRow], error) {
	return cached(s.cache, key("Rankings", sc, metric, year), func() (dashboard.List[dashboard.RankRow], error) {
		m, err := analytics.ParseMetric(metric)
		if err != nil {
			return dashboard.List[dashboard.RankRow]{}, err
		}
		q := analytics.RankingQuery{Year: year, Metric: m, Province: sc.Province, City: sc.City, County: sc.County, Limit: all}
		list, err := s.r.Rankings(ctx, q)
		if err != nil {
			return dashboard.List[dashboard.RankRow]{}, err
		}
		out := make([]dashboard.RankRow, len(list.Rows))
		for i, r := range list.Rows {
			out[i] = rankRow(r)
		}
		return dashboard.List[dashboard.RankRow]{Rows: out, Total: max(list.Total, len(out))}, nil
	})
}

// Reports implements dashboard.Source.
func (s *Source) Reports(ctx context.Context, sc dashboard.Scope, year int) (dashboard.List[dashboard.Report], error) {
	return cached(s.cache, key("Reports", sc, year), func() (dashboard.List[dashboard.Report], error) {
		rows, err := s.r.Reports(ctx, listQuery(sc, year))
		if err != nil {
			return dashboard.List[dashboard.Report]{}, err
		}
		out := make([]dashboard.Report, len(rows))
		for i, r := range rows {
			out[i] = report(r)
		}
		return listOf(out, s.counted(ctx, sc, year, func(c dashboard.YearCounts) int { return c.Reports }))
	})
}

// TopReports implements dashboard.Source.
func (s *Source) TopReports(ctx context.Context, sc dashboard.Scope, year int, by string, n int) ([]dashboard.Report, error) {
	return cached(s.cache, key("TopReports", sc, year, by, n), func() ([]dashboard.Report, error) {
		rows, err := s.r.TopReports(ctx, analytics.TopQuery{Year: year, By: analytics.TopColumn(by),
			Province: sc.Province, City: sc.City, County: sc.County, Limit: n})
		if err != nil {
			return nil, err
		}
		out := make([]dashboard.Report, len(rows))
		for i, r := range rows {
			out[i] = report(r)
		}
		return out, nil
	})
}

// RequestTotals implements dashboard.Source.
func (s *Source) RequestTotals(ctx context.Context, sc dashboard.Scope, year int) (dashboard.RequestTotals, error) {
	return cached(s.cache, key("RequestTotals", sc, year), func() (dashboard.RequestTotals, error) {
		t, err := s.r.RequestTotals(ctx, listQuery(sc, year))
		if err != nil {
			return dashboard.RequestTotals{}, err
		}
		return requestTotals(t), nil
	})
}

// Township implements dashboard.Source.
func (s *Source) Township(ctx context.Context, county, name string) (dashboard.TownHistory, error) {
	return cached(s.cache, key("Township", county, name), func() (dashboard.TownHistory, error) {
		h, err := s.r.TownshipHistory(ctx, name, county)
		if errors.Is(err, analytics.ErrNotFound) {
			return dashboard.TownHistory{}, fmt.Errorf("%w: %w", dashboard.ErrNotFound, err)
		}
		if err != nil {
			return dashboard.TownHistory{}, err
		}
		return history(h), nil
	})
}

// ZeroActivity implements dashboard.Source.
func (s *Source) ZeroActivity(ctx context.Context, sc dashboard.Scope, year int) (dashboard.List[dashboard.ZeroRow], error) {
	return cached(s.cache, key("ZeroActivity", sc, year), func() (dashboard.List[dashboard.ZeroRow], error) {
		rows, err := s.r.ZeroActivity(ctx, listQuery(sc, year))
		if err != nil {
			return dashboard.List[dashboard.ZeroRow]{}, err
		}
		out := make([]dashboard.ZeroRow, len(rows))
		for i, r := range rows {
			out[i] = dashboard.ZeroRow{Town: town(r.Township, r.Org), Year: r.Year, Streak: r.Streak}
		}
		return listOf(out, s.counted(ctx, sc, year, func(c dashboard.YearCounts) int { return c.ZeroActivity }))
	})
}

// ZeroStreaks implements dashboard.Source.
func (s *Source) ZeroStreaks(ctx context.Context, sc dashboard.Scope, year int) ([]dashboard.StreakCount, error) {
	return cached(s.cache, key("ZeroStreaks", sc, year), func() ([]dashboard.StreakCount, error) {
		rows, err := s.r.ZeroStreaks(ctx, listQuery(sc, year))
		if err != nil {
			return nil, err
		}
		out := make([]dashboard.StreakCount, len(rows))
		for i, c := range rows {
			out[i] = dashboard.StreakCount{Streak: c.Streak, Townships: c.Townships}
		}
		return out, nil
	})
}

// Missing implements dashboard.Source.
func (s *Source) Missing(ctx context.Context, sc dashboard.Scope, year int) (dashboard.List[dashboard.MissingRow], error) {
	return cached(s.cache, key("Missing", sc, year), func() (dashboard.List[dashboard.MissingRow], error) {
		rows, err := s.r.Missing(ctx, listQuery(sc, year))
		if err != nil {
			return dashboard.List[dashboard.MissingRow]{}, err
		}
		out := make([]dashboard.MissingRow, len(rows))
		for i, r := range rows {
			out[i] = dashboard.MissingRow{Town: town(r.Township, r.Org), Year: r.Year}
		}
		return listOf(out, s.counted(ctx, sc, year, func(c dashboard.YearCounts) int { return c.Missing }))
	})
}

// Quality implements dashboard.Source.
func (s *Source) Quality(ctx context.Context, sc dashboard.Scope, year int) (dashboard.List[dashboard.QualityRow], error) {
	return cached(s.cache, key("Quality", sc, year), func() (dashboard.List[dashboard.QualityRow], error) {
		rows, err := s.r.Quality(ctx, listQuery(sc, year))
		if err != nil {
			return dashboard.List[dashboard.QualityRow]{}, err
		}
		out := make([]dashboard.QualityRow, len(rows))
		for i, r := range rows {
			out[i] = dashboard.QualityRow{Town: town(r.Township, r.Org), Year: r.Year,
				SourceFile: r.SourceFile, Checks: checks(r.Checks), Incomplete: r.Incomplete}
		}
		return listOf(out, s.counted(ctx, sc, year, func(c dashboard.YearCounts) int { return c.Flagged }))
	})
}

// Unplaced implements dashboard.Source.
func (s *Source) Unplaced(ctx context.Context) (analytics.List[analytics.TownshipInfo], error) {
	return cached(s.cache, key("Unplaced"), func() (analytics.List[analytics.TownshipInfo], error) {
		return s.r.Unplaced(ctx, all)
	})
}

// Search implements dashboard.Source.
func (s *Source) Search(ctx context.Context, text string, limit int) ([]dashboard.Town, error) {
	return cached(s.cache, key("Search", text, limit), func() ([]dashboard.Town, error) {
		rows, err := s.r.SearchTownships(ctx, text, limit)
		if err != nil {
			return nil, err
		}
		out := make([]dashboard.Town, len(rows))
		for i, r := range rows {
			out[i] = townOf(r)
		}
		return out, nil
	})
}

// listQuery narrows an analytics list to a scope and a year.
func listQuery(sc dashboard.Scope, year int) analytics.ListQuery {
	return analytics.ListQuery{Year: year, Province: sc.Province, City: sc.City, County: sc.County, Limit: all}
}
