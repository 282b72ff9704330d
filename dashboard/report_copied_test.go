package dashboard

import (
	"strconv"
	"strings"
	"testing"

	"xxgk/analytics"
	"xxgk/ingest/prose"
)

// TestReportPageCopied: a report whose prose repeats last year's shows the
// share and the repeated passages side by side, escaped; one that repeats
// nothing shows no such section.
func TestReportPageCopied(t *testing.T) {
	fs, id := sourceFake(t, "html", "丰塔乡-2025.html", []byte("<p>报告</p>"))
	s, _ := newTestServer(t, fs)
	if _, body := get(t, s, "/report?id="+strconv.Itoa(int(id))); strings.Contains(body, "正文雷同") {
		t.Error("a report repeating nothing shows 正文雷同")
	}
	fs.sources[id].Copied = []analytics.CopiedProse{{Rule: "previous", OtherID: 17, OtherOrg: townA.Org, OtherYear: 2024, Share: 0.82,
		Passages: []prose.Passage{{Text: "2025年，我乡完善村级公开栏<b>", Match: "2024年，我乡完善村级公开栏<b>", Share: 1}}}}
	_, body := get(t, s, "/report?id="+strconv.Itoa(int(id)))
	for _, want := range []string{
		"正文雷同：82.0%与本单位2024年报告相同", `<a href="/report?id=17">查看对比报告</a>`,
		"<td>2025年，我乡完善村级公开栏&lt;b&gt;</td><td>2024年，我乡完善村级公开栏&lt;b&gt;</td>",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("report page lacks %q", want)
		}
	}
}
