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
	for _, m := range analytics.Metrics {
		if !anchors[metricAnchor(m.Metric)] {
			t.Errorf("metric %s has no anchor on /definitions", m.Metric)
		}
	}
	for _, a := range []string{zeroAnchor, "min-rate-denominator"} {
		if !anchors[a] {
			t.Errorf("no anchor %s on /definitions", a)
		}
	}
	if !strings.Contains(body, "办理总数达到 "+strconv.Itoa(fakeMinRate)+" 件") {
		t.Error("the rate minimum is not stated from the thresholds")
	}
	for _, tc := range []struct {
		path  string
		links int // at least this many 口径 links
	}{
		{"/", 5}, {"/rankings", 1}, {"/rankings?metric=grant_rate", 1}, {"/counties", 1}, {"/problems", 1},
	} {
		_, body := get(t, s, tc.path)
		found := defRE.FindAllStringSubmatch(body, -1)
		if len(found) < tc.links {
			t.Errorf("%s: %d 口径 links, want at least %d", tc.path, len(found), tc.links)
		}
		for _, m := range found {
			if !anchors[m[1]] {
				t.Errorf("%s: 口径 links #%s, which /definitions lacks", tc.path, m[1])
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
