package analytics

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"xxgk/fixtures"
	"xxgk/ingest/schema"
)

// The review queue (sql/views/70_flag_*.sql, 78_review_queue.sql) computed
// again from the answer key: every flag the demo must raise, with its
// flag_id, rule, cells and basis, and nothing else.

// duckText is how DuckDB casts a DOUBLE to VARCHAR: whole numbers keep ".0".
func duckText(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// flagID is the review queue's stable id, derived here independently.
func flagID(kind string, t town, year int, rule, cells string) string {
	sum := md5.Sum([]byte(strings.Join([]string{kind, t.township, t.county, strconv.Itoa(year), rule, cells}, "|")))
	return hex.EncodeToString(sum[:])[:16]
}

func flagLine(kind string, t town, year int, rule, cells, basis string) string {
	return fmt.Sprintf("%s|%s|%s|%s|%d|%s|%s|%s", flagID(kind, t, year, rule, cells), kind, t.township, t.county, year, rule, cells, basis)
}

// metricCells are the canonical keys a headline metric is taken from.
var metricCells = map[string]string{
	"proactive_items":    "proactive_items",
	"requests_new":       "s3.new.total",
	"requests_processed": "s3.processed.total",
	"appeals_total":      "s4.review.total,s4.suit_after_review.total,s4.suit_direct.total",
}

// reviewFlags lists every flag the model raises, as flagLine writes it.
func (m *model) reviewFlags() []string {
	var out []string
	for k, vs := range m.checks {
		for _, v := range vs {
			if v.Rule == schema.RulePlausible {
				out = append(out, flagLine("plausible", k.town, k.year, "", v.Where, "found="+duckText(v.Found)))
				continue
			}
			out = append(out, flagLine("arithmetic", k.town, k.year, "rule"+strconv.Itoa(v.Rule), v.Where,
				"expected="+duckText(v.Expected)+";found="+duckText(v.Found)))
		}
	}
	for _, a := range m.answers {
		for _, part := range a.Truncated {
			printed := 0
			for key := range a.Figures {
				if strings.HasPrefix(key, part+".") {
					printed++
				}
			}
			out = append(out, flagLine("incomplete", a.town, a.Year, part, "", "printed="+strconv.Itoa(printed)))
		}
	}
	for k, z := range m.zero {
		items := "NULL"
		if p := z["proactive_items"].(*float64); p != nil {
			items = duckText(*p)
		}
		out = append(out, flagLine("zero_activity", k.town, k.year, "", "",
			"requests_received="+duckText(z["requests_received"].(float64))+";proactive_items="+items))
	}
	for k := range m.absent {
		out = append(out, flagLine("missing", k.town, k.year, "", "", "missing"))
	}
	for _, f := range m.crossYear() {
		// township|county|year|kind|cell|expected|found
		p := strings.Split(f, "|")
		year, _ := strconv.Atoi(p[2])
		t := town{p[0], p[1]}
		exp, _ := strconv.ParseFloat(p[5], 64)
		got, _ := strconv.ParseFloat(p[6], 64)
		basis := "expected=" + duckText(exp) + ";found=" + duckText(got)
		switch p[3] {
		case "carry_over":
			out = append(out, flagLine("carry_over", t, year, "", p[4]+","+strings.Replace(p[4], ".carried_in.", ".carried_out.", 1), basis))
		case "stock":
			row := strings.TrimSuffix(p[4], ".in_force")
			out = append(out, flagLine("stock", t, year, "", row+".in_force,"+row+".issued,"+row+".repealed", basis))
		case "jump":
			out = append(out, flagLine("jump", t, year, p[4], metricCells[p[4]], "last="+duckText(exp)+";this="+duckText(got)))
		}
	}
	for _, f := range m.peerOutliers() {
		// township|county|year|metric|value|bodies
		p := strings.Split(f, "|")
		year, _ := strconv.Atoi(p[2])
		v, _ := strconv.ParseFloat(p[4], 64)
		out = append(out, flagLine("peer_outlier", town{p[0], p[1]}, year, p[3], metricCells[p[3]], "value="+duckText(v)))
	}
	sort.Strings(out)
	return out
}

func TestReviewQueueView(t *testing.T) {
	want := key.reviewFlags()
	var got []string
	kinds := map[string]int{}
	// copied_prose, late and text_vs_table rest on what only the answer
	// key's plants tell (prose_flags_test.go checks them exactly).
	for _, r := range viewRows(t, `SELECT flag_id, kind, township, county, year, rule, cells, basis, status, reopened FROM review_queue
		WHERE kind NOT IN ('copied_prose', 'late', 'text_vs_table')`) {
		got = append(got, fmt.Sprintf("%s|%s|%s|%s|%d|%s|%s|%s", str(r["flag_id"]), str(r["kind"]), str(r["township"]),
			str(r["county"]), num(r["year"]), str(r["rule"]), str(r["cells"]), str(r["basis"])))
		kinds[str(r["kind"])]++
		if r["status"] != "open" || r["reopened"] != false {
			t.Errorf("flag %v: status %v, reopened %v; nothing is decided in the demo", r["flag_id"], r["status"], r["reopened"])
		}
	}
	sort.Strings(got)
	if !slices.Equal(got, want) {
		t.Errorf("review_queue:\n got %d %q\nwant %d %q", len(got), got, len(want), want)
	}
	// The demo raises each of these kinds; an empty kind would prove nothing.
	for _, k := range []string{"arithmetic", "incomplete", "zero_activity", "missing", "carry_over", "peer_outlier"} {
		if kinds[k] == 0 {
			t.Errorf("the demo raises no %s flag", k)
		}
	}
}

// TestFlagViewsShape: every flag_* view has the twelve columns of the
// contract (docs/review.md), in order.
func TestFlagViewsShape(t *testing.T) {
	want := []string{"kind", "rule", "report_id", "org", "township", "county", "city", "province", "year", "cells", "evidence", "basis"}
	for _, v := range []string{"arithmetic", "plausible", "incomplete", "zero_activity", "missing", "carry_over", "stock", "jump", "peer_outlier"} {
		res, err := RunSQL(ctx, demoDB, "SELECT * FROM flag_"+v+" LIMIT 0", ConsoleOptions{MaxRows: 1})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(res.Columns, want) {
			t.Errorf("flag_%s columns %v, want %v", v, res.Columns, want)
		}
	}
}

// sqlNumber writes a figure as the flag views' evidence does: two
// decimals at most, no trailing zeros.
func sqlNumber(v float64) string {
	return strings.TrimRight(strings.TrimRight(strconv.FormatFloat(v, 'f', 2, 64), "0"), ".")
}

// TestFlagEvidence spells out every flag of four kinds the demo raises,
// as a supervisor reads it, from the answer key (one read of the queue).
func TestFlagEvidence(t *testing.T) {
	got := map[string]string{} // kind|township|county|year|rule|cells → evidence
	for _, r := range viewRows(t, "SELECT kind, township, county, year, rule, cells, evidence FROM review_queue") {
		got[fmt.Sprintf("%s|%s|%s|%d|%s|%s", str(r["kind"]), str(r["township"]), str(r["county"]), num(r["year"]),
			str(r["rule"]), str(r["cells"]))] = str(r["evidence"])
	}
	want := map[string]string{}
	at := func(kind string, k ty, rule, cells string) string {
		return fmt.Sprintf("%s|%s|%s|%d|%s|%s", kind, k.township, k.county, k.year, rule, cells)
	}
	// arithmetic: rule 1 says both sums, the others expected and found.
	for k, vs := range key.checks {
		for _, v := range vs {
			if v.Rule == schema.RulePlausible {
				continue // flag_plausible's
			}
			e := "按规则应为 " + sqlNumber(v.Expected) + "，报告所填 " + sqlNumber(v.Found)
			if v.Rule == 1 {
				e = "本年新收＋上年结转为 " + sqlNumber(v.Expected) + "，办理总计＋结转下年度为 " + sqlNumber(v.Found)
			}
			want[at("arithmetic", k, "rule"+strconv.Itoa(v.Rule), v.Where)] = e + "，相差 " + sqlNumber(v.Found-v.Expected)
		}
	}
	for _, f := range key.crossYear() {
		p := strings.Split(f, "|")
		if p[3] != "carry_over" {
			continue
		}
		year, _ := strconv.Atoi(p[2])
		exp, _ := strconv.ParseFloat(p[5], 64)
		found, _ := strconv.ParseFloat(p[6], 64)
		cells := p[4] + "," + strings.Replace(p[4], ".carried_in.", ".carried_out.", 1)
		want[at("carry_over", ty{town{p[0], p[1]}, year}, "", cells)] =
			fmt.Sprintf("%d 年报告结转下年度 %s 件，本年报告上年结转 %s 件", year-1, sqlNumber(exp), sqlNumber(found))
	}
	parts := map[string]string{"s2": "第二部分（主动公开）", "s3": "第三部分（依申请公开）", "s4": "第四部分（复议诉讼）"}
	for _, a := range key.answers {
		for _, part := range a.Truncated {
			printed := 0
			for k := range a.Figures {
				if strings.HasPrefix(k, part+".") {
					printed++
				}
			}
			want[at("incomplete", ty{a.town, a.Year}, part, "")] = fmt.Sprintf("%s缺失或不完整：只读到 %d 个数", parts[part], printed)
		}
	}
	for k, m := range key.absent {
		e := "未报送本年度报告"
		switch {
		case m["never_reported"] == true:
			e += "（从未报送）"
		case m["last_report_year"] != nil:
			e += fmt.Sprintf("（上次报送为 %d 年）", m["last_report_year"])
		}
		want[at("missing", k, "", "")] = e
	}
	kinds := map[string]bool{}
	for k, e := range want {
		if got[k] != e {
			t.Errorf("%s: evidence %q, want %q", k, got[k], e)
		}
		kinds[strings.SplitN(k, "|", 2)[0]] = true
	}
	if len(kinds) != 4 {
		t.Errorf("evidence checked for %v; want arithmetic, carry_over, incomplete and missing", kinds)
	}
	// The peers' range never goes below 0, whatever the fences.
	peer := regexp.MustCompile(`^本单位 \d+；同县 \d+ 个单位中位数 [\d.]+，四分位 [\d.]+～[\d.]+，正常范围 [\d.]+～[\d.]+$`)
	for k, e := range got {
		if strings.HasPrefix(k, "peer_outlier|") && !peer.MatchString(e) {
			t.Errorf("%s: evidence %q", k, e)
		}
	}
}

// scorecard is the county scorecard computed from the answer key:
// county|year|bodies|reported|on_time|date_unknown|consistent.
func (m *model) scorecard() []string {
	type cy struct {
		county string
		year   int
	}
	type card struct{ bodies, reported, onTime, unknown, consistent int }
	cards := map[cy]*card{}
	at := func(k cy) *card {
		if cards[k] == nil {
			cards[k] = &card{}
		}
		return cards[k]
	}
	against := map[ty]bool{} // reports with an arithmetic or cross-year flag
	for k := range m.checks {
		for _, v := range m.checks[k] {
			if v.Rule != schema.RulePlausible {
				against[k] = true
			}
		}
	}
	for _, f := range m.crossYear() {
		p := strings.Split(f, "|")
		year, _ := strconv.Atoi(p[2])
		against[ty{town{p[0], p[1]}, year}] = true
	}
	for k := range m.absent {
		at(cy{k.county, k.year}).bodies++
	}
	for _, a := range m.answers {
		c := at(cy{a.county, a.Year})
		c.bodies++
		c.reported++
		switch {
		case a.Published == "":
			c.unknown++
		case !slices.Contains(a.Planted, fixtures.PlantLate):
			// flag_late's deadlines: only the planted reports are late.
			c.onTime++
		}
		if !against[ty{a.town, a.Year}] {
			c.consistent++
		}
	}
	var out []string
	for k, c := range cards {
		out = append(out, fmt.Sprintf("%s|%d|%d|%d|%d|%d|%d", k.county, k.year, c.bodies, c.reported, c.onTime, c.unknown, c.consistent))
	}
	sort.Strings(out)
	return out
}

func TestCountyScorecardView(t *testing.T) {
	want := key.scorecard()
	var got []string
	for _, r := range viewRows(t, "SELECT * FROM county_scorecard") {
		line := fmt.Sprintf("%s|%d|%d|%d|%d|%d|%d", str(r["county"]), num(r["year"]), num(r["bodies"]), num(r["reported"]),
			num(r["on_time"]), num(r["date_unknown"]), num(r["consistent"]))
		got = append(got, line)
		for _, s := range []struct{ share, count string }{{"reported_share", "reported"}, {"on_time_share", "on_time"}, {"consistent_share", "consistent"}} {
			if w := float64(num(r[s.count])) / float64(num(r["bodies"])); r[s.share] != w {
				t.Errorf("%s: %s = %v, want %v", line, s.share, r[s.share], w)
			}
		}
		// Original: every report but the copies the answer key plants.
		original := 0
		for _, a := range key.answers {
			if a.county == str(r["county"]) && a.Year == num(r["year"]) && !slices.Contains(a.Planted, fixtures.PlantCopied) {
				original++
			}
		}
		if num(r["original"]) != original || r["original_share"] != float64(original)/float64(num(r["bodies"])) {
			t.Errorf("%s: original %v / %v, want %d", line, r["original"], r["original_share"], original)
		}
	}
	sort.Strings(got)
	if !slices.Equal(got, want) {
		t.Errorf("county_scorecard:\n got %q\nwant %q", got, want)
	}
}
