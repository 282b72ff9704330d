package analyticsource

import (
	"cmp"
	"context"
	"slices"

	"golang.org/x/sync/errgroup"

	"xxgk/analytics"
	"xxgk/dashboard"
)

// historyWorkers bounds the township histories read at once.
const historyWorkers = 4

// loadHistories reads every township's history once. The townships are
// those analytics lists: every report with an activity index (any report
// printing any of its components), every report with a quality issue (the
// rest), every township-year without a report.
func (s *Source) loadHistories(ctx context.Context) ([]dashboard.TownHistory, error) {
	return cached(&s.cache, key("histories"), func() ([]dashboard.TownHistory, error) { return s.readHistories(ctx) })
}

func (s *Source) readHistories(ctx context.Context) ([]dashboard.TownHistory, error) {
	towns, err := s.townships(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]dashboard.TownHistory, len(towns))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(historyWorkers)
	for i, t := range towns {
		g.Go(func() error {
			h, err := s.r.TownshipHistory(gctx, t.Name, t.County)
			if err != nil {
				return err
			}
			out[i] = history(h)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return out, nil
}

// townships lists every township with a report or a missing report.
func (s *Source) townships(ctx context.Context) ([]analytics.Township, error) {
	cat, err := s.Catalog(ctx)
	if err != nil {
		return nil, err
	}
	seen := map[analytics.Township]bool{}
	var out []analytics.Township
	add := func(t analytics.Township) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	for _, y := range cat.Years {
		rows, err := s.r.Rankings(ctx, analytics.RankingQuery{Year: y, Metric: analytics.MetricActivityIndex, Limit: all})
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			add(r.Township)
		}
	}
	quality, err := s.r.Quality(ctx, analytics.ListQuery{Limit: all})
	if err != nil {
		return nil, err
	}
	for _, r := range quality {
		add(r.Township)
	}
	missing, err := s.r.Missing(ctx, analytics.ListQuery{Limit: all})
	if err != nil {
		return nil, err
	}
	for _, r := range missing {
		add(r.Township)
	}
	slices.SortFunc(out, func(a, b analytics.Township) int {
		return cmp.Or(cmp.Compare(a.County, b.County), cmp.Compare(a.Name, b.Name))
	})
	return out, nil
}

// history maps a township's history, its missing years in place.
func history(h *analytics.History) dashboard.TownHistory {
	t := townOf(h.Township)
	out := dashboard.TownHistory{Town: t}
	for _, r := range h.Reports {
		out.Years = append(out.Years, report(t, r))
	}
	for _, y := range h.Missing {
		out.Years = append(out.Years, dashboard.Report{Town: t, Year: y, Missing: true})
	}
	slices.SortFunc(out.Years, func(a, b dashboard.Report) int { return cmp.Compare(a.Year, b.Year) })
	if n := len(h.Reports); n > 0 {
		out.Town.Org = h.Reports[n-1].Org
	}
	return out
}

// report maps one report's summary.
func report(t dashboard.Town, r analytics.ReportSummary) dashboard.Report {
	t.Org = r.Org
	q, a := r.Requests, r.Appeals
	return dashboard.Report{
		Town: t, Year: r.Year, Template: r.Template, Published: r.Published, SourceFile: r.SourceFile,
		ProactiveItems: r.Proactive.Items, Decisions: r.Proactive.Decisions, ActivityIndex: r.ActivityIndex,
		Requests: dashboard.Requests{
			New: q.New, CarriedIn: q.CarriedIn, Processed: q.Processed, CarriedOut: q.CarriedOut,
			Granted: q.Granted, Partial: q.Partial, Denied: q.Denied, Unavailable: q.Unavailable,
			Rejected: q.Rejected, Other: q.Other, GrantRate: q.GrantRate,
			Applicants: [6]*float64{q.Applicants.Natural, q.Applicants.Commercial, q.Applicants.Research,
				q.Applicants.Social, q.Applicants.Legal, q.Applicants.Other},
		},
		Appeals: dashboard.Appeals{
			Review: group(a.Review), Suit: group(a.Suit), Total: a.Total, CorrectionRate: a.CorrectionRate,
		},
		Zero:       r.ZeroActivity,
		Checks:     checks(r.Checks),
		Warnings:   r.Warnings,
		Incomplete: r.Incomplete,
	}
}

func group(g analytics.AppealGroup) dashboard.AppealGroup {
	return dashboard.AppealGroup{Upheld: g.Upheld, Corrected: g.Corrected, Other: g.Other, Pending: g.Pending, Total: g.Total}
}

func checks(cs []analytics.Check) []dashboard.Check {
	out := make([]dashboard.Check, len(cs))
	for i, c := range cs {
		out[i] = dashboard.Check{Rule: c.Rule, Cell: c.Cell, Expected: c.Expected, Found: c.Found}
	}
	return out
}

// town is a township placed in its county, with the body's name.
func town(t analytics.Township, org string) dashboard.Town {
	return dashboard.Town{Name: t.Name, Org: org, County: t.County, City: t.City, Province: t.Province}
}

// townOf is a township of the townships view, named by its latest org.
func townOf(t analytics.TownshipInfo) dashboard.Town {
	org := ""
	if n := len(t.Orgs); n > 0 {
		org = t.Orgs[n-1]
	}
	return town(t.Township, org)
}
