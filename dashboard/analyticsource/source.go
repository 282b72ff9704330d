// Package analyticsource adapts package analytics (typed reads over the
// DuckDB views) to the dashboard's Source interface: it maps analytics'
// domain types to the dashboard's and narrows by province and city where
// analytics filters by county only.
//
// The database cannot change while a server holds it (DuckDB lets no other
// process write a file that one process has open), so what never changes is
// read once: the catalog and, for the per-year lists of reports that
// analytics.Reader does not offer, every township's history.
package analyticsource

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"golang.org/x/sync/errgroup"

	"xxgk/analytics"
	"xxgk/dashboard"
)

// Source implements dashboard.Source over an analytics.Reader.
type Source struct {
	r     analytics.Reader
	cache cache
}

var _ dashboard.Source = (*Source)(nil)

// New returns a Source reading r.
func New(r analytics.Reader) *Source { return &Source{r: r} }

// all asks analytics for every row a list can hold.
const all = analytics.MaxLimit

// Warm reads, before the first visitor asks, what the pages need most: the
// catalog, every township's history, the yearly totals of every place, and
// the default views of the latest year.
func (s *Source) Warm(ctx context.Context) error {
	cat, err := s.Catalog(ctx)
	if err != nil {
		return err
	}
	if _, err := s.loadHistories(ctx); err != nil {
		return err
	}
	scopes := []dashboard.Scope{{}}
	for _, p := range cat.Places {
		scopes = append(scopes, dashboard.Scope{Province: p.Province}, dashboard.Scope{Province: p.Province, City: p.City},
			dashboard.Scope{Province: p.Province, City: p.City, County: p.County})
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(historyWorkers)
	seen := map[dashboard.Scope]bool{}
	for _, sc := range scopes {
		if seen[sc] {
			continue
		}
		seen[sc] = true
		g.Go(func() error { _, err := s.Summary(gctx, sc); return err })
	}
	g.Go(func() error {
		_, err := s.Rankings(gctx, dashboard.Scope{}, dashboard.Metrics[0].Key, cat.Latest())
		return err
	})
	g.Go(func() error { _, err := s.ZeroActivity(gctx, dashboard.Scope{}, cat.Latest()); return err })
	g.Go(func() error { _, err := s.Missing(gctx, dashboard.Scope{}); return err })
	g.Go(func() error { _, err := s.Quality(gctx, dashboard.Scope{}, 0); return err })
	return g.Wait()
}

// Catalog implements dashboard.Source.
func (s *Source) Catalog(ctx context.Context) (dashboard.Catalog, error) {
	return cached(&s.cache, key("Catalog"), func() (dashboard.Catalog, error) {
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
	return cached(&s.cache, key("Summary", sc), func() ([]dashboard.YearSummary, error) {
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
		out := make([]dashboard.YearSummary, 0, len(rows))
		for _, r := range rows {
			if !matches(sc, r.Province, r.City, r.County) {
				continue
			}
			out = append(out, dashboard.YearSummary{
				Year: r.Year, Townships: r.Townships, Reports: r.Reports, Missing: r.Missing,
				ZeroActivity: r.ZeroActivity, Flagged: r.Flagged,
				ProactiveItems: r.ProactiveItems, RequestsNew: r.RequestsNew, Processed: r.RequestsProcessed,
				Granted: r.GrantedOrPartial, GrantRate: r.GrantRate,
				Appeals: r.AppealsTotal, Corrected: r.AppealsCorrected, Concluded: r.AppealsConcluded,
				CorrectionRate: r.CorrectionRate,
			})
		}
		slices.SortFunc(out, func(a, b dashboard.YearSummary) int { return cmp.Compare(a.Year, b.Year) })
		return out, nil
	})
}

// Rankings implements dashboard.Source.
func (s *Source) Rankings(ctx context.Context, sc dashboard.Scope, metric string, year int) ([]dashboard.RankRow, error) {
	return cached(&s.cache, key("Rankings", sc, metric, year), func() ([]dashboard.RankRow, error) {
		m, err := analytics.ParseMetric(metric)
		if err != nil {
			return nil, err
		}
		rows, err := s.r.Rankings(ctx, analytics.RankingQuery{Year: year, Metric: m, County: sc.County, Limit: all})
		if err != nil {
			return nil, err
		}
		out := make([]dashboard.RankRow, 0, len(rows))
		for _, r := range rows {
			if !matches(sc, r.Province, r.City, r.County) {
				continue
			}
			out = append(out, dashboard.RankRow{
				Town:  town(r.Township, r.Org),
				Value: r.Value, Rank: r.Rank, Ranked: r.Ranked, PrevRank: deref(r.PrevRank),
				CountyRank: deref(r.CountyRank), CountyRanked: deref(r.CountyRanked), PrevCountyRank: deref(r.PrevCountyRank),
			})
		}
		return out, nil
	})
}

// Reports implements dashboard.Source from the cached histories:
// analytics.Reader has no per-year list of reports.
func (s *Source) Reports(ctx context.Context, sc dashboard.Scope, year int) ([]dashboard.Report, error) {
	hs, err := s.loadHistories(ctx)
	if err != nil {
		return nil, err
	}
	var out []dashboard.Report
	for _, h := range hs {
		if !matches(sc, h.Town.Province, h.Town.City, h.Town.County) {
			continue
		}
		for _, y := range h.Years {
			if y.Year == year && !y.Missing {
				out = append(out, y)
			}
		}
	}
	return out, nil
}

// Township implements dashboard.Source from the cached histories.
func (s *Source) Township(ctx context.Context, county, name string) (dashboard.TownHistory, error) {
	hs, err := s.loadHistories(ctx)
	if err != nil {
		return dashboard.TownHistory{}, err
	}
	for _, h := range hs {
		if h.Town.Name == name && h.Town.County == county {
			return h, nil
		}
	}
	// Not among the townships with a report or a missing one: ask analytics,
	// which knows every township of regions.csv.
	return cached(&s.cache, key("Township", county, name), func() (dashboard.TownHistory, error) {
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
	return cached(&s.cache, key("ZeroActivity", sc, year), func() ([]dashboard.ZeroRow, error) {
		rows, err := s.r.ZeroActivity(ctx, analytics.ListQuery{Year: year, County: sc.County, Limit: all})
		if err != nil {
			return nil, err
		}
		var out []dashboard.ZeroRow
		for _, r := range rows {
			if matches(sc, r.Province, r.City, r.County) {
				out = append(out, dashboard.ZeroRow{Town: town(r.Township, r.Org), Year: r.Year, Streak: r.Streak})
			}
		}
		return out, nil
	})
}

// Missing implements dashboard.Source.
func (s *Source) Missing(ctx context.Context, sc dashboard.Scope) ([]dashboard.MissingRow, error) {
	return cached(&s.cache, key("Missing", sc), func() ([]dashboard.MissingRow, error) {
		rows, err := s.r.Missing(ctx, analytics.ListQuery{County: sc.County, Limit: all})
		if err != nil {
			return nil, err
		}
		var out []dashboard.MissingRow
		for _, r := range rows {
			if matches(sc, r.Province, r.City, r.County) {
				out = append(out, dashboard.MissingRow{Town: town(r.Township, r.Org), Year: r.Year})
			}
		}
		return out, nil
	})
}

// Quality implements dashboard.Source.
func (s *Source) Quality(ctx context.Context, sc dashboard.Scope, year int) ([]dashboard.QualityRow, error) {
	return cached(&s.cache, key("Quality", sc, year), func() ([]dashboard.QualityRow, error) {
		rows, err := s.r.Quality(ctx, analytics.ListQuery{Year: year, County: sc.County, Limit: all})
		if err != nil {
			return nil, err
		}
		var out []dashboard.QualityRow
		for _, r := range rows {
			if matches(sc, r.Province, r.City, r.County) {
				out = append(out, dashboard.QualityRow{Town: town(r.Township, r.Org), Year: r.Year,
					SourceFile: r.SourceFile, Checks: checks(r.Checks), Incomplete: r.Incomplete})
			}
		}
		return out, nil
	})
}

// Search implements dashboard.Source.
func (s *Source) Search(ctx context.Context, text string, limit int) ([]dashboard.Town, error) {
	return cached(&s.cache, key("Search", text, limit), func() ([]dashboard.Town, error) {
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

// matches says a row lies in the scope.
func matches(sc dashboard.Scope, province, city, county string) bool {
	return (sc.Province == "" || sc.Province == province) &&
		(sc.City == "" || sc.City == city) &&
		(sc.County == "" || sc.County == county)
}

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}
