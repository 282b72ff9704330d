package dashboard

import (
	"strings"
	"testing"
)

// TestScorecard: the county scorecard on /counties (every county) and on
// the overview (the selected county), each share with its count, the
// original share unknown while copied prose is not checked.
func TestScorecard(t *testing.T) {
	s, _ := newTestServer(t, newFake())
	for _, tc := range []struct{ path, want string }{
		{q("/api/county-scorecard", "year", "2024"),
			`"rows":[{"county":"平沙县","bodies":2,"reported":2,"reported_share":1,"on_time":0,"on_time_share":0,"date_unknown":2,` +
				`"consistent":2,"consistent_share":1,"original":null,"original_share":null},` +
				`{"county":"武峰区","bodies":2,"reported":1,"reported_share":0.5,"on_time":0,"on_time_share":0,"date_unknown":1,` +
				`"consistent":1,"consistent_share":0.5,"original":null,"original_share":null}]`},
		{q("/export/scorecard.csv", "year", "2025", "county", "武峰区"),
			"县区,应报单位（个）,已报送（个）,报送率（%）,按时发布（个）,按时发布率（%）,发布日期不详（个）,数据一致（个）,数据一致率（%）,内容原创（个）,内容原创率（%）\r\n" +
				"武峰区,2,2,100,0,0,2,1,50,,\r\n"},
	} {
		res, body := get(t, s, tc.path)
		if res.StatusCode != 200 || !strings.Contains(body, tc.want) {
			t.Errorf("%s: %d %s\nwant %s", tc.path, res.StatusCode, body, tc.want)
		}
	}
	for _, path := range []string{q("/", "year", "2024"), q("/counties", "year", "2024")} {
		_, body := get(t, s, path)
		if !strings.Contains(body, "2024年县区督查记分卡") || !strings.Contains(body, `<a class="def" href="/definitions#m-reported_share">`) {
			t.Errorf("%s: no scorecard", path)
		}
	}
	_, body := get(t, s, "/definitions")
	for _, want := range []string{`id="m-on_time_share"`, "按时发布率", `id="flag-kinds"`, "问题类型：缺报", "county_scorecard.consistent_share"} {
		if !strings.Contains(body, want) {
			t.Errorf("/definitions: no %q", want)
		}
	}
}
