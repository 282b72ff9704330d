package dashboard

import (
	"strings"
	"testing"
)

// TestEmptyStates: a page says plainly when there is nothing, instead of
// showing a box of zeros or a section that cannot apply.
func TestEmptyStates(t *testing.T) {
	// No township has an appeal: the note says so and the table of zeros
	// is folded, not laid open under it.
	fs := &fakeSource{}
	for _, tw := range []fakeTown{townA, townB} {
		fs.reports = append(fs.reports, fakeReport(tw, 2025, 5, 1, 0, 0))
	}
	s, _ := newTestServer(t, fs)
	_, body := get(t, s, "/appeals?year=2025")
	sec := sectionHTML(t, body, "appeals")
	if !strings.Contains(sec, "所选范围内本年没有行政复议或行政诉讼") || !strings.Contains(sec, `<details class="fallback"><summary>查看数据表</summary>`) {
		t.Errorf("appeals without cases: %s", sec)
	}
	// The overview's 纠错率 card says why it is "—".
	_, body = get(t, s, "/?year=2025")
	if !strings.Contains(body, `<span class="kpi-value">—<small>（本年无审结案件）</small>`) {
		t.Error("the 纠错率 card without concluded cases does not say why it is empty")
	}
	// No request in the year: both tables of zeros are folded.
	fs = &fakeSource{}
	for _, tw := range []fakeTown{townA, townB} {
		fs.reports = append(fs.reports, fakeReport(tw, 2025, 5, 0, 0, 0))
	}
	s, _ = newTestServer(t, fs)
	_, body = get(t, s, "/requests?year=2025")
	for id, note := range map[string]string{"requests": "所选范围内本年没有办结的申请", "applicants": "所选范围内本年没有新收申请"} {
		if sec := sectionHTML(t, body, id); !strings.Contains(sec, note) || !strings.Contains(sec, `<details class="fallback">`) {
			t.Errorf("%s without requests: %s", id, sec)
		}
	}
	// With cases the table is open.
	s, _ = newTestServer(t, newFake())
	_, body = get(t, s, "/appeals?year=2025")
	if sec := sectionHTML(t, body, "appeals"); strings.Contains(sec, `class="fallback"`) {
		t.Errorf("appeals with cases: the table is folded: %s", sec)
	}
	// A count has no small samples: no such section on the page, though
	// its dataset answers; a rate has one.
	_, body = get(t, s, "/rankings?metric=proactive_items")
	if strings.Contains(body, `id="rankings-small-sample"`) {
		t.Error("/rankings of a count shows a 样本不足 section")
	}
	if res, _ := get(t, s, "/api/rankings-small-sample?metric=proactive_items"); res.StatusCode != 200 {
		t.Errorf("/api/rankings-small-sample: %d", res.StatusCode)
	}
	if _, body = get(t, s, "/rankings?metric=grant_rate"); !strings.Contains(body, `id="rankings-small-sample"`) {
		t.Error("/rankings of a rate lacks its 样本不足 section")
	}
}

// sectionHTML is the HTML of the section with the id.
func sectionHTML(t *testing.T, body, id string) string {
	t.Helper()
	i := strings.Index(body, `<section class="card" id="`+id+`"`)
	if i < 0 {
		t.Fatalf("no section %s", id)
	}
	j := strings.Index(body[i:], "</section>")
	return body[i : i+j]
}
