package analytics

import (
	"cmp"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"

	"xxgk/fixtures"
	"xxgk/ingest/schema"
)

// This file computes, from the demo corpus's answer key alone, what every
// view must show. It shares no code with the SQL: the definitions are
// written again from sql/README.md.

// town identifies a township.
type town struct{ township, county string }

// ty identifies a township-year.
type ty struct {
	town
	year int
}

// answer is one report of the answer key with its place and derived values.
type answer struct {
	fixtures.Answer
	town
	city, province string
	cols           map[string]any // expected view columns, by column name
}

// model is the answer key, indexed.
type model struct {
	answers  []*answer
	byTY     map[ty]*answer
	towns    map[town]*townInfo
	missing  []fixtures.Missing
	regions  []fixtures.Region
	years    []int
	weights  map[string]float64
	rankings map[rankKey]map[string]any // expected rankings rows
	zero     map[ty]map[string]any
	absent   map[ty]map[string]any // expected missing_reports rows
	quality  map[ty]map[string]any
	checks   map[ty][]schema.Violation
	rollups  map[rollKey]map[string]any
}

type townInfo struct {
	town
	city, province string
	orgs           map[string]bool
	regionOrgs     []string
}

type rankKey struct {
	ty
	metric string
}

type rollKey struct {
	level, province, city, county string
	year                          int
}

// The weights of sql/views/30_activity_weights.sql, restated.
var wantWeights = map[string]float64{"proactive_items": 0.4, "documents_issued": 0.1, "decisions": 0.2, "requests_processed": 0.3}

var headline = []string{"proactive_items", "decisions", "requests_new", "grant_rate", "activity_index"}

func loadModel(dir string) (*model, error) {
	open := func(name string) (*os.File, error) { return os.Open(dir + "/" + name) }
	m := &model{byTY: map[ty]*answer{}, towns: map[town]*townInfo{}, weights: wantWeights}
	f, err := open("regions.csv")
	if err != nil {
		return nil, err
	}
	m.regions, err = fixtures.ReadRegions(f)
	f.Close()
	if err != nil {
		return nil, err
	}
	byOrg := map[string]fixtures.Region{}
	for _, r := range m.regions {
		byOrg[r.Org] = r
		t := town{r.Township, r.County}
		if m.towns[t] == nil {
			m.towns[t] = &townInfo{town: t, city: r.City, province: r.Province, orgs: map[string]bool{}}
		}
		m.towns[t].orgs[r.Org] = true
		m.towns[t].regionOrgs = append(m.towns[t].regionOrgs, r.Org)
	}
	if f, err = open("answers.jsonl"); err != nil {
		return nil, err
	}
	as, err := fixtures.ReadAnswers(f)
	f.Close()
	if err != nil {
		return nil, err
	}
	if f, err = open("missing.jsonl"); err != nil {
		return nil, err
	}
	m.missing, err = fixtures.ReadMissing(f)
	f.Close()
	if err != nil {
		return nil, err
	}
	years := map[int]bool{}
	for _, a := range as {
		r, ok := byOrg[a.Org]
		if !ok {
			return nil, fmt.Errorf("answer %s: org %s not in regions.csv", a.File, a.Org)
		}
		x := &answer{Answer: a, town: town{r.Township, r.County}, city: r.City, province: r.Province, cols: map[string]any{}}
		m.answers = append(m.answers, x)
		m.byTY[ty{x.town, a.Year}] = x
		m.towns[x.town].orgs[a.Org] = true
		years[a.Year] = true
	}
	for y := range years {
		m.years = append(m.years, y)
	}
	slices.Sort(m.years)
	for _, a := range m.answers {
		m.proactive(a)
		m.requests(a)
		m.appeals(a)
	}
	m.activity()
	m.rank()
	m.zeroActivity()
	m.absentReports()
	m.qualityRows()
	m.rollupRows()
	return m, nil
}

// Nullable arithmetic: nil is "not printed" and makes any sum unknown.

func (a *answer) fig(key string) *float64 {
	v, ok := a.Figures[key]
	if !ok {
		return nil
	}
	return &v
}

func sum(xs ...*float64) *float64 {
	t := 0.0
	for _, x := range xs {
		if x == nil {
			return nil
		}
		t += *x
	}
	return &t
}

func sub(a, b *float64) *float64 {
	if a == nil || b == nil {
		return nil
	}
	v := *a - *b
	return &v
}

// ratio is a / b, nil when b is nil or not positive.
func ratio(a, b *float64) *float64 {
	if a == nil || b == nil || *b <= 0 {
		return nil
	}
	v := *a / *b
	return &v
}

func coalesce(xs ...*float64) *float64 {
	for _, x := range xs {
		if x != nil {
			return x
		}
	}
	return nil
}

func (a *answer) figs(prefix string, rows []string, suffix string) []*float64 {
	var out []*float64
	for _, r := range rows {
		out = append(out, a.fig(prefix+r+suffix))
	}
	return out
}

// Flow figures of part 二 by template (README, proactive.s2_active).
var flows = map[string][]string{
	"2019": {"regulations.made", "regulations.published", "normative.made", "normative.published",
		"licensing.change", "licensing.decisions", "other_services.change", "other_services.decisions",
		"penalty.change", "penalty.decisions", "coercion.change", "coercion.decisions", "fees.change",
		"procurement.items", "procurement.amount"},
	"2021": {"regulations.issued", "regulations.repealed", "normative.issued", "normative.repealed",
		"licensing.decisions", "penalty.decisions", "coercion.decisions", "fees.amount"},
}

func (m *model) proactive(a *answer) {
	c := a.cols
	c["proactive_items"] = a.fig("proactive_items")
	var prev *float64
	if p := m.byTY[ty{a.town, a.Year - 1}]; p != nil {
		prev = p.fig("proactive_items")
	}
	c["prev_proactive_items"] = prev
	c["proactive_items_change"] = sub(a.fig("proactive_items"), prev)
	var pct *float64
	if cur := a.fig("proactive_items"); cur != nil && prev != nil && *prev != 0 {
		v := (*cur - *prev) / *prev
		pct = &v
	}
	c["proactive_items_change_pct"] = pct
	c["documents_issued"] = sum(coalesce(a.fig("s2.regulations.published"), a.fig("s2.regulations.issued")),
		coalesce(a.fig("s2.normative.published"), a.fig("s2.normative.issued")))
	c["decisions"] = sum(a.fig("s2.licensing.decisions"), a.fig("s2.penalty.decisions"), a.fig("s2.coercion.decisions"))
	var active *bool
	all := true
	for _, k := range flows[a.Template] {
		if a.fig("s2."+k) == nil {
			all = false
		}
	}
	if all {
		f := false
		active = &f
	}
	for _, ks := range flows {
		for _, k := range ks {
			if v := a.fig("s2." + k); v != nil && *v != 0 {
				t := true
				active = &t
			}
		}
	}
	c["s2_active"] = active
}

var (
	deniedRows      = []string{"secret", "law", "safety", "third_party", "internal", "process", "enforcement", "query"}
	unavailableRows = []string{"not_held", "needs_creation", "unclear"}
	rejectedRows    = []string{"complaint", "duplicate", "publication", "mass", "confirm"}
	otherRows       = []string{"no_correction", "no_fee", "misc"}
	orgColumns      = []string{"commercial", "research", "social", "legal", "other"}
)

func (m *model) requests(a *answer) {
	c := a.cols
	proc := a.fig("s3.processed.total")
	c["requests_new"] = a.fig("s3.new.total")
	c["requests_carried_in"] = a.fig("s3.carried_in.total")
	c["requests_received"] = sum(a.fig("s3.new.total"), a.fig("s3.carried_in.total"))
	c["requests_processed"] = proc
	outcomes := map[string]*float64{
		"granted":     a.fig("s3.granted.total"),
		"partial":     a.fig("s3.partial.total"),
		"denied":      sum(a.figs("s3.denied.", deniedRows, ".total")...),
		"unavailable": sum(a.figs("s3.unavailable.", unavailableRows, ".total")...),
		"rejected":    sum(a.figs("s3.rejected.", rejectedRows, ".total")...),
		"other":       coalesce(a.fig("s3.other.total"), sum(a.figs("s3.other.", otherRows, ".total")...)),
	}
	for k, v := range outcomes {
		c[k] = v
		c[k+"_rate"] = ratio(v, proc)
	}
	c["carried_out"] = a.fig("s3.carried_out.total")
	c["grant_rate"] = ratio(sum(outcomes["granted"], outcomes["partial"]), proc)
	for _, col := range append([]string{"natural"}, orgColumns...) {
		c["from_"+col] = a.fig("s3.new." + col)
	}
	c["from_organisations"] = sum(a.figs("s3.new.", orgColumns, "")...)
	c["natural_share"] = ratio(a.fig("s3.new.natural"), a.fig("s3.new.total"))
}

func (m *model) appeals(a *answer) {
	c := a.cols
	g := func(group, col string) *float64 { return a.fig("s4." + group + "." + col) }
	suit := func(col string) *float64 { return sum(g("suit_direct", col), g("suit_after_review", col)) }
	for _, col := range []string{"upheld", "corrected", "other", "pending", "total"} {
		c["review_"+col] = g("review", col)
		c["suit_"+col] = suit(col)
	}
	rc := sum(g("review", "upheld"), g("review", "corrected"), g("review", "other"))
	sc := sum(suit("upheld"), suit("corrected"), suit("other"))
	c["review_concluded"] = rc
	c["review_correction_rate"] = ratio(g("review", "corrected"), rc)
	c["suit_concluded"] = sc
	c["suit_correction_rate"] = ratio(suit("corrected"), sc)
	c["suit_direct_total"] = g("suit_direct", "total")
	c["suit_after_review_total"] = g("suit_after_review", "total")
	c["appeals_total"] = sum(g("review", "total"), suit("total"))
	c["appeals_concluded"] = sum(rc, sc)
	c["appeals_corrected"] = sum(g("review", "corrected"), suit("corrected"))
	c["correction_rate"] = ratio(sum(g("review", "corrected"), suit("corrected")), sum(rc, sc))
}

var components = []string{"proactive_items", "documents_issued", "decisions", "requests_processed"}

// activity computes percentiles and the composite index year by year.
func (m *model) activity() {
	for _, y := range m.years {
		var reps []*answer
		for _, a := range m.answers {
			if a.Year == y {
				reps = append(reps, a)
			}
		}
		for _, comp := range components {
			var vals []float64
			for _, a := range reps {
				if v := a.cols[comp].(*float64); v != nil {
					vals = append(vals, *v)
				}
			}
			for _, a := range reps {
				v := a.cols[comp].(*float64)
				if v == nil {
					a.cols[comp+"_pct"] = (*float64)(nil)
					continue
				}
				below := 0
				for _, x := range vals {
					if x < *v {
						below++
					}
				}
				p := 0.0
				if len(vals) > 1 {
					p = float64(below) / float64(len(vals)-1)
				}
				a.cols[comp+"_pct"] = &p
			}
		}
		for _, a := range reps {
			num, den := 0.0, 0.0
			for _, comp := range components {
				if p := a.cols[comp+"_pct"].(*float64); p != nil {
					num += m.weights[comp] * *p
					den += m.weights[comp]
				}
			}
			var idx *float64
			if den > 0 {
				v := 100 * num / den
				idx = &v
			}
			a.cols["activity_index"] = idx
		}
	}
}

// minRateDenominator is thresholds.min_rate_denominator, restated.
const minRateDenominator = 5

// rank ranks every township per year and metric, largest first, ties
// sharing the rank (1, 1, 3). Float ties are judged with a tolerance so that
// the last bit of a computed index cannot split a tie. A grant rate on fewer
// than minRateDenominator processed requests keeps its row without a rank.
func (m *model) rank() {
	m.rankings = map[rankKey]map[string]any{}
	greater := func(x, v float64) bool { return x > v+1e-9*max(1, v) }
	for _, metric := range headline {
		for _, y := range m.years {
			type entry struct {
				a     *answer
				v     float64
				small bool
			}
			var all []entry
			ranked := 0
			for _, a := range m.answers {
				if v := a.cols[metric].(*float64); a.Year == y && v != nil {
					small := metric == "grant_rate" && *a.cols["requests_processed"].(*float64) < minRateDenominator
					all = append(all, entry{a, *v, small})
					if !small {
						ranked++
					}
				}
			}
			for _, e := range all {
				rank, crank, cn := 1, 1, 0
				for _, o := range all {
					if o.small {
						continue
					}
					if greater(o.v, e.v) {
						rank++
					}
					if o.a.county == e.a.county {
						cn++
						if greater(o.v, e.v) {
							crank++
						}
					}
				}
				row := map[string]any{
					"org": e.a.Org, "value": e.v, "rank": rank, "ranked": ranked, "county_rank": crank, "county_ranked": cn,
					"small_sample": e.small, "numerator": nil, "denominator": nil,
				}
				if metric == "grant_rate" {
					row["numerator"] = sum(e.a.cols["granted"].(*float64), e.a.cols["partial"].(*float64))
					row["denominator"] = e.a.cols["requests_processed"]
				}
				if e.small {
					row["rank"], row["county_rank"] = nil, nil
				}
				m.rankings[rankKey{ty{e.a.town, y}, metric}] = row
			}
		}
	}
	for k, row := range m.rankings {
		prev := m.rankings[rankKey{ty{k.town, k.year - 1}, k.metric}]
		row["prev_rank"], row["rank_change"], row["prev_county_rank"], row["county_rank_change"] = nil, nil, nil, nil
		if prev != nil {
			row["prev_rank"] = prev["rank"]
			row["prev_county_rank"] = prev["county_rank"]
			if prev["rank"] != nil && row["rank"] != nil {
				row["rank_change"] = prev["rank"].(int) - row["rank"].(int)
				row["county_rank_change"] = prev["county_rank"].(int) - row["county_rank"].(int)
			}
		}
	}
}

func (m *model) zeroActivity() {
	m.zero = map[ty]map[string]any{}
	for _, a := range m.answers {
		recv := a.cols["requests_received"].(*float64)
		active := a.cols["s2_active"].(*bool)
		if recv == nil || *recv != 0 || active == nil || *active {
			continue
		}
		// A township that published anything proactively is not
		// zero-activity; a count that is not printed does not prevent it.
		if items := a.cols["proactive_items"].(*float64); items != nil && *items != 0 {
			continue
		}
		m.zero[ty{a.town, a.Year}] = map[string]any{"org": a.Org, "proactive_items": a.cols["proactive_items"], "requests_received": *recv}
	}
	for k, row := range m.zero {
		start := k.year
		for m.zero[ty{k.town, start - 1}] != nil {
			start--
		}
		row["streak"] = k.year - start + 1
		row["streak_start"] = start
	}
}

// absentReports lists township-years without a report from each township's
// first report year (or the database's first year) to the latest.
func (m *model) absentReports() {
	m.absent = map[ty]map[string]any{}
	first, last := m.years[0], m.years[len(m.years)-1]
	for t, info := range m.towns {
		from, never := last+1, true
		for _, a := range m.answers {
			if a.town == t {
				from, never = min(from, a.Year), false
			}
		}
		if never {
			from = first
		}
		for y := from; y <= last; y++ {
			if m.byTY[ty{t, y}] != nil {
				continue
			}
			org, lastYear := "", any(nil)
			for p := y - 1; p >= first; p-- {
				if a := m.byTY[ty{t, p}]; a != nil {
					org, lastYear = a.Org, p
					break
				}
			}
			if org == "" {
				org = slices.Min(info.regionOrgs)
			}
			m.absent[ty{t, y}] = map[string]any{"org": org, "never_reported": never, "last_report_year": lastYear}
		}
	}
}

func (m *model) qualityRows() {
	m.quality = map[ty]map[string]any{}
	m.checks = map[ty][]schema.Violation{}
	for _, a := range m.answers {
		implausible := slices.Contains(a.Planted, fixtures.PlantImplausible)
		if len(a.Broken) == 0 && len(a.Truncated) == 0 && !implausible {
			continue
		}
		k := ty{a.town, a.Year}
		vs := schema.Check(a.Figures)
		var broken, cells []string
		for _, v := range vs {
			broken = append(broken, fixtures.BrokenString(v))
		}
		// The one figure planted beyond any real report: kept as printed,
		// flagged by the store (rule 5) with the largest plausible value.
		for key, v := range a.Figures {
			if implausible && v == fixtures.ImplausibleValue {
				vs = append(vs, schema.Violation{Rule: schema.RulePlausible, Where: key, Expected: 100_000_000, Found: v})
			}
		}
		sort.Slice(vs, func(i, j int) bool {
			return cmp.Or(cmp.Compare(vs[i].Rule, vs[j].Rule), strings.Compare(vs[i].Where, vs[j].Where)) < 0
		})
		for _, v := range vs {
			cells = append(cells, v.Where)
		}
		if !slices.Equal(broken, a.Broken) {
			panic(fmt.Sprintf("%s: schema.Check gives %v, the answer key %v", a.File, broken, a.Broken))
		}
		m.checks[k] = vs
		m.quality[k] = map[string]any{
			"org": a.Org, "checks_failed": len(vs), "failing_cells": nonNil(cells), "incomplete": nonNil(a.Truncated),
			"breaks_arithmetic": len(vs) > 0, "is_incomplete": len(a.Truncated) > 0,
		}
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// rollupRows sums per area and year (README, rollups).
func (m *model) rollupRows() {
	m.rollups = map[rollKey]map[string]any{}
	keys := func(t *townInfo, y int) []rollKey {
		return []rollKey{
			{"county", t.province, t.city, t.county, y},
			{"city", t.province, t.city, "", y},
			{"province", t.province, "", "", y},
			{"all", "", "", "", y},
		}
	}
	type acc struct {
		n                map[string]int
		sums             map[string]*float64
		counts           map[string]int
		gpBoth, procBoth *float64
	}
	accs := map[rollKey]*acc{}
	get := func(k rollKey) *acc {
		if accs[k] == nil {
			accs[k] = &acc{n: map[string]int{}, sums: map[string]*float64{}, counts: map[string]int{}}
		}
		return accs[k]
	}
	// add returns p + v where a nil v adds nothing and a nil p is an empty sum.
	add := func(p, v *float64) *float64 {
		if v == nil {
			return p
		}
		t := *v
		if p != nil {
			t += *p
		}
		return &t
	}
	summed := []string{"proactive_items", "documents_issued", "decisions", "requests_new", "requests_received",
		"requests_processed", "appeals_total", "appeals_corrected", "appeals_concluded", "activity_index"}
	for _, a := range m.answers {
		k := ty{a.town, a.Year}
		gp := sum(a.cols["granted"].(*float64), a.cols["partial"].(*float64))
		proc := a.cols["requests_processed"].(*float64)
		for _, rk := range keys(m.towns[a.town], a.Year) {
			x := get(rk)
			x.n["reports"]++
			if m.zero[k] != nil {
				x.n["zero_activity"]++
			}
			if m.quality[k] != nil {
				x.n["flagged"]++
			}
			for _, col := range summed {
				x.sums[col] = add(x.sums[col], a.cols[col].(*float64))
			}
			x.sums["granted_or_partial"] = add(x.sums["granted_or_partial"], gp)
			if gp != nil && proc != nil {
				x.gpBoth = add(x.gpBoth, gp)
				x.procBoth = add(x.procBoth, proc)
			}
			if v := a.cols["proactive_items"].(*float64); v != nil {
				x.counts["proactive_items"]++
			}
			if v := a.cols["activity_index"].(*float64); v != nil {
				x.counts["activity_index"]++
			}
		}
	}
	for k := range m.absent {
		for _, rk := range keys(m.towns[k.town], k.year) {
			get(rk).n["missing"]++
		}
	}
	for rk, x := range accs {
		row := map[string]any{
			"townships": x.n["reports"] + x.n["missing"], "reports": x.n["reports"], "missing": x.n["missing"],
			"zero_activity": x.n["zero_activity"], "flagged": x.n["flagged"],
		}
		for _, col := range append(summed, "granted_or_partial") {
			row[col] = x.sums[col]
		}
		delete(row, "activity_index")
		mean := func(col string) *float64 {
			if x.counts[col] == 0 {
				return nil
			}
			v := *x.sums[col] / float64(x.counts[col])
			return &v
		}
		row["proactive_items_mean"] = mean("proactive_items")
		row["activity_index_mean"] = mean("activity_index")
		row["grant_rate"] = ratioNonZero(x.gpBoth, x.procBoth)
		row["correction_rate"] = ratioNonZero(x.sums["appeals_corrected"], x.sums["appeals_concluded"])
		m.rollups[rk] = row
	}
}

// ratioNonZero is a / b, nil when b is nil or 0 (nullif semantics).
func ratioNonZero(a, b *float64) *float64 {
	if a == nil || b == nil || *b == 0 {
		return nil
	}
	v := *a / *b
	return &v
}
