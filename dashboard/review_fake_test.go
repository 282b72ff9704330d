package dashboard

import (
	"context"
	"strconv"

	"xxgk/analytics"
)

// ReviewQueue derives the fake's flags from its reports and missing
// reports: one arithmetic flag per failing cell (its id the report and
// cell), one missing flag per missing township-year; a flag of a report
// whose id is a multiple of 4 is dismissed, to show both statuses.
func (fs *fakeSource) ReviewQueue(ctx context.Context, s Scope, year int, kind, status string) (List[analytics.Flag], error) {
	var out []analytics.Flag
	add := func(f analytics.Flag) {
		if (kind == "" || f.Kind == kind) && (status == "" || f.Status == status) {
			out = append(out, f)
		}
	}
	for _, r := range fs.inScope(s, year) {
		if r.County == "" {
			continue
		}
		for _, c := range r.Checks {
			f := analytics.Flag{Township: r.Township, FlagID: "f" + strconv.FormatInt(r.ReportID, 10) + c.Cell, Kind: "arithmetic",
				Rule: "rule" + strconv.Itoa(c.Rule), ReportID: r.ReportID, Org: r.Org, Year: r.Year, Cells: c.Cell,
				Evidence: "按规则应为 " + formatNumber(c.Expected) + "，报告所填 " + formatNumber(c.Found), Status: "open"}
			if r.ReportID%4 == 0 {
				f.Status, f.Comment, f.DecidedBy = "dismissed", "原文如此", "supervisor"
			}
			add(f)
		}
	}
	for _, m := range fs.missing {
		if inScope(m.Township, s) && (year == 0 || m.Year == year) {
			add(analytics.Flag{Township: m.Township, FlagID: "m" + m.Name + strconv.Itoa(m.Year), Kind: "missing", Org: m.Org,
				Year: m.Year, Evidence: "未报送本年度报告", Status: "open"})
		}
	}
	return list(fs, out)
}

// Scorecards counts, per county and year, the fake's reports and missing
// reports: a report with a publication date is on time, one without a
// failing cell consistent; copied prose is not checked.
func (fs *fakeSource) Scorecards(ctx context.Context, s Scope, year int) ([]analytics.Scorecard, error) {
	type cy struct {
		county string
		year   int
	}
	cards := map[cy]*analytics.Scorecard{}
	var order []cy
	at := func(t analytics.Township, year int) *analytics.Scorecard {
		k := cy{t.County, year}
		if cards[k] == nil {
			cards[k] = &analytics.Scorecard{County: t.County, City: t.City, Province: t.Province, Year: year}
			order = append(order, k)
		}
		return cards[k]
	}
	s.County = ""
	for _, r := range fs.inScope(s, 0) {
		if r.County == "" {
			continue
		}
		c := at(r.Township, r.Year)
		c.Bodies++
		c.Reported++
		if r.Published != "" {
			c.OnTime++
		} else {
			c.DateUnknown++
		}
		if len(r.Checks) == 0 {
			c.Consistent++
		}
	}
	for _, m := range fs.missing {
		if inScope(m.Township, s) {
			at(m.Township, m.Year).Bodies++
		}
	}
	out := []analytics.Scorecard{}
	for _, k := range order {
		c := cards[k]
		n := float64(c.Bodies)
		c.ReportedShare, c.OnTimeShare, c.ConsistentShare = float64(c.Reported)/n, float64(c.OnTime)/n, float64(c.Consistent)/n
		out = append(out, *c)
	}
	return out, fs.err
}
