// Package analyticsource adapts package analytics (typed reads over the
// DuckDB views) to the dashboard's Source interface: it maps analytics'
// domain types to the dashboard's and keeps the results.
//
// Every method is one analytics call (a township's history is one call of
// three queries) narrowed in SQL to the selection's places and year, so a
// page costs the same few queries on a county as on a country, and nothing
// is read at start but the catalog and the landing page. The database
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
// longer than that, a whole country's reports of a year, is cut.
const all = analytics.MaxLimit

// Warm reads, before the first visitor asks, the catalog and what the
// landing page shows: the totals of every place by year and the default
// ranking of the latest year. That is four analytics calls whatever the
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
		c := dashboard.Catalog{Years: years}
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

// Rankings implements dashboard.Source.
func (s *Source) Rankings(ctx context.Context, sc dashboard.Scope, metric string, year int) ([]dashboard.RankRow, error) {
	return cached(s.cache, key("Rankings", sc, metric, year), func() ([]dashboard.RankRow, error) {
		m, err := analytics.ParseMetric(metric)
		if err != nil {
			return nil, err
		}
		rows, err := s.r.Rankings(ctx, analytics.RankingQuery{Year: year, Metric: m,
			Province: sc.Province, City: sc.City, County: sc.County, Limit: all})
		if err != nil {
			return nil, err
		}
		out := make([]dashboard.RankRow, len(rows))
		for i, r := range rows {
			out[i] = rankRow(r)
		}
		return out, nil
	})
}

// Reports implements dashboard.Source.
func (s *Source) Reports(ctx context.Context, sc dashboard.Scope, year int) ([]dashboard.Report, error) {
	return cached(s.cache, key("Reports", sc, year), func() ([]dashboard.Report, error) {
		rows, err := s.r.Reports(ctx, listQuery(sc, year))
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
func (s *Source) ZeroActivity(ctx context.Context, sc dashboard.Scope, year int) ([]dashboard.ZeroRow, error) {
	return cached(s.cache, key("ZeroActivity", sc, year), func() ([]dashboard.ZeroRow, error) {
		rows, err := s.r.ZeroActivity(ctx, listQuery(sc, year))
		if err != nil {
			return nil, err
		}
		out := make([]dashboard.ZeroRow, len(rows))
		for i, r := range rows {
			out[i] = dashboard.ZeroRow{Town: town(r.Township, r.Org), Year: r.Year, Streak: r.Streak}
		}
		return out, nil
	})
}

// Missing implements dashboard.Source.
func (s *Source) Missing(ctx context.Context, sc dashboard.Scope) ([]dashboard.MissingRow, error) {
	return cached(s.cache, key("Missing", sc), func() ([]dashboard.MissingRow, error) {
		rows, err := s.r.Missing(ctx, listQuery(sc, 0))
		if err != nil {
			return nil, err
		}
		out := make([]dashboard.MissingRow, len(rows))
		for i, r := range rows {
			out[i] = dashboard.MissingRow{Town: town(r.Township, r.Org), Year: r.Year}
		}
		return out, nil
	})
}

// Quality implements dashboard.Source.
func (s *Source) Quality(ctx context.Context, sc dashboard.Scope, year int) ([]dashboard.QualityRow, error) {
	return cached(s.cache, key("Quality", sc, year), func() ([]dashboard.QualityRow, error) {
		rows, err := s.r.Quality(ctx, listQuery(sc, year))
		if err != nil {
			return nil, err
		}
		out := make([]dashboard.QualityRow, len(rows))
		for i, r := range rows {
			out[i] = dashboard.QualityRow{Town: town(r.Township, r.Org), Year: r.Year,
				SourceFile: r.SourceFile, Checks: checks(r.Checks), Incomplete: r.Incomplete}
		}
		return out, nil
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
