package analyticsource

import (
	"cmp"
	"slices"

	"xxgk/analytics"
	"xxgk/dashboard"
)

// The mapping of analytics' domain types to the dashboard's.

// history maps a township's history, its missing years in place.
func history(h *analytics.History) dashboard.TownHistory {
	t := townOf(h.Township)
	out := dashboard.TownHistory{Town: t}
	for _, r := range h.Reports {
		out.Years = append(out.Years, report(r))
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
func report(r analytics.ReportSummary) dashboard.Report {
	q, a := r.Requests, r.Appeals
	return dashboard.Report{
		Town: town(r.Township, r.Org), Year: r.Year, Template: r.Template, Published: r.Published, SourceFile: r.SourceFile,
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

// summary maps one roll-up.
func summary(r analytics.Rollup) dashboard.YearSummary {
	return dashboard.YearSummary{
		Year: r.Year, Townships: r.Townships, Reports: r.Reports, Missing: r.Missing,
		ZeroActivity: r.ZeroActivity, Flagged: r.Flagged,
		ProactiveItems: r.ProactiveItems, RequestsNew: r.RequestsNew, Processed: r.RequestsProcessed,
		Granted: r.GrantedOrPartial, GrantRate: r.GrantRate,
		Appeals: r.AppealsTotal, Corrected: r.AppealsCorrected, Concluded: r.AppealsConcluded,
		CorrectionRate: r.CorrectionRate,
	}
}

// requestTotals maps the sums of part 三.
func requestTotals(t analytics.RequestTotals) dashboard.RequestTotals {
	a := t.Applicants
	return dashboard.RequestTotals{
		Reports: t.Reports, New: t.New, Processed: t.Processed,
		Outcomes:   [6]*float64{t.Granted, t.Partial, t.Denied, t.Unavailable, t.Rejected, t.Other},
		Applicants: [6]*float64{a.Natural, a.Commercial, a.Research, a.Social, a.Legal, a.Other},
	}
}

// rankRow maps one ranking row.
func rankRow(r analytics.Ranking) dashboard.RankRow {
	return dashboard.RankRow{
		Town:  town(r.Township, r.Org),
		Value: r.Value, Numerator: r.Numerator, Denominator: r.Denominator, SmallSample: r.SmallSample,
		Rank: deref(r.Rank), Ranked: r.Ranked, PrevRank: deref(r.PrevRank), RankChange: r.RankChange,
		CountyRank: deref(r.CountyRank), CountyRanked: deref(r.CountyRanked), PrevCountyRank: deref(r.PrevCountyRank),
		CountyRankChange: r.CountyRankChange,
	}
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

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}
