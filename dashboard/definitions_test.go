package dashboard

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"xxgk/analytics"
)

var (
	anchorRE = regexp.MustCompile(`<dt id="([^"]+)"`)
	defRE    = regexp.MustCompile(`class="(?:kpi-def )?def" href="/definitions#([^"]+)"`)
)

// TestDefinitions: the definitions page has an anchor for every metric of
// the catalog, zero activity and the rate minimum; every page's 口径 links
// to an anchor that exists, and the pages that print a 口径 link it.
func TestDefinitions(t *testing.T) {
	s, _ := newTestServer(t, newFake())
	res, body := get(t, s, "/definitions")
	if res.StatusCode != 200 {
		t.Fatalf("/definitions: %d", res.StatusCode)
	}
	anchors := map[string]bool{}
	for _, m := range anchorRE.FindAllStringSubmatch(body, -1) {
		anchors[m[1]] = true
	}
	for _, m := range analytics.Catalog() {
		if !anchors[metricAnchor(m.Metric)] {
			t.Errorf("catalog entry %s has no anchor on /definitions", m.Metric)
		}
	}
	if n := len(analytics.Catalog()); n != len(analytics.Metrics)+len(analytics.Figures) || n < 11 {
		t.Errorf("catalog: %d entries", n)
	}
	for _, a := range []string{zeroAnchor, "min-rate-denominator"} {
		if !anchors[a] {
			t.Errorf("no anchor %s on /definitions", a)
		}
	}
	// Reachable from the navigation of every page, itself marked current.
	if !regexp.MustCompile(`<nav class="nav"[\s\S]*<a href="/definitions[^"]*" aria-current="page" class="active">指标口径</a>`).MatchString(body) {
		t.Error("/definitions is not in the navigation")
	}
	// The small-sample rule is the ranked rate's (公开率), not 纠错率's.
	if strings.Count(body, "时样本不足，不显示比率") != 1 || !strings.Contains(body, "分子：结果纠正；分母：已审结。<br>") {
		t.Error("the small-sample rule is stated for a rate that is not ranked")
	}
	if !strings.Contains(body, "办理总数达到 "+strconv.Itoa(fakeMinRate)+" 件") {
		t.Error("the rate minimum is not stated from the thresholds")
	}
	for _, tc := range []struct {
		path  string
		links int // at least this many 口径 links
	}{
		{"/", 9}, {"/rankings", 1}, {"/rankings?metric=grant_rate", 1}, {"/counties", 1}, {"/problems", 1},
	} {
		_, body := get(t, s, tc.path)
		if !regexp.MustCompile(`<nav class="nav"[\s\S]*<a href="/definitions[^"]*">指标口径</a>`).MatchString(body) {
			t.Errorf("%s: no link to /definitions in the navigation", tc.path)
		}
		found := defRE.FindAllStringSubmatch(body, -1)
		if len(found) < tc.links {
			t.Errorf("%s: %d 口径 links, want at least %d", tc.path, len(found), tc.links)
		}
		for _, m := range found {
			if !anchors[m[1]] {
				t.Errorf("%s: 口径 links #%s, which /definitions lacks", tc.path, m[1])
			}
		}
		// Every card of the overview says its 口径 and links it: 报告数,
		// 缺报 … as much as the ranked metrics.
		cards := regexp.MustCompile(`(?s)<li class="kpi"[^>]*>.*?</li>`).FindAllString(body, -1)
		if tc.path == "/" && len(cards) != 9 {
			t.Errorf("/: %d cards, want 9", len(cards))
		}
		for _, card := range cards {
			if !strings.Contains(card, `title="口径：`) || !strings.Contains(card, `class="kpi-def def" href="/definitions#m-`) {
				t.Errorf("%s: a card without its 口径: %s", tc.path, card)
			}
		}
		// Every 口径 line printed as a note links its definition.
		for _, note := range regexp.MustCompile(`<p class="note">[^\n]*口径：[^\n]*</p>`).FindAllString(body, -1) {
			if !strings.Contains(note, `href="/definitions#`) {
				t.Errorf("%s: a 口径 without a link: %s", tc.path, note)
			}
		}
	}
}
