package dashboard

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"xxgk/analytics"
)

// manyFake is the fake with 250 more townships (254 reports) in 平沙县 in 2025, the i-th
// with i proactive items and i new requests.
func manyFake() *fakeSource {
	fs := newFake()
	for i := 1; i <= 250; i++ {
		t := fakeTown{analytics.Township{Name: "甲" + strconv.Itoa(i) + "镇", County: "平沙县", City: "宁田市", Province: "盛亭省"}, ""}
		fs.reports = append(fs.reports, fakeReport(t, 2025, float64(i), float64(i), 0, 0))
	}
	return fs
}

var rowRE = regexp.MustCompile(`<tr><td`)

// sectionOf is the section of a page whose id is id, "" when there is none.
func sectionOf(body, id string) string {
	i := strings.Index(body, `id="`+id+`"`)
	if i < 0 {
		return ""
	}
	rest := body[i:]
	if j := strings.Index(rest, "</section>"); j > 0 {
		return rest[:j]
	}
	return rest
}

// TestPaging: a long table sends one page of rows with the total over
// everything, pages on, sorts numerically and searches on the server; the
// download keeps every row.
func TestPaging(t *testing.T) {
	s, _ := newTestServer(t, manyFake())
	section := sectionOf
	for _, tc := range []struct {
		path       string
		rows       int
		want       []string
		firstMatch string // the first row's township
	}{
		{"/requests?year=2025", pageRows, []string{"第 1–100 行，共 254 行；下载含全部行", "下一页", "requests-p=2"}, ""},
		{"/requests?year=2025&requests-p=3", 54, []string{"第 201–254 行，共 254 行", "上一页"}, ""},
		{"/requests?year=2025&requests-s=-requests_new", pageRows, []string{`aria-sort="descending"`}, "甲250镇"},
		{"/requests?year=2025&requests-s=requests_new", pageRows, []string{`aria-sort="ascending"`}, ""},
		{"/requests?year=2025&requests-q=" + "甲24", 11, []string{"找到 11 行（共 254 行）"}, "甲24镇"},
		{"/requests?year=2025&requests-p=999", 54, []string{"第 201–254 行"}, ""},
		// The print view: every row, on one page, still sorted; no page links.
		{"/requests?year=2025&print=1&requests-p=2", 254, []string{"第 1–254 行，共 254 行", "打印版：含全部行"}, ""},
		{"/requests?year=2025&print=1&requests-s=-requests_new", 254, []string{`aria-sort="descending"`}, "甲250镇"},
	} {
		res, body := get(t, s, tc.path)
		sec := section(body, "requests")
		if res.StatusCode != 200 || sec == "" {
			t.Fatalf("%s: %d", tc.path, res.StatusCode)
		}
		if n := len(rowRE.FindAllString(sec, -1)); n != tc.rows {
			t.Errorf("%s: %d rows, want %d", tc.path, n, tc.rows)
		}
		for _, w := range tc.want {
			if !strings.Contains(sec, w) {
				t.Errorf("%s: lacks %q", tc.path, w)
			}
		}
		if tc.firstMatch != "" && !strings.Contains(sec[strings.Index(sec, "<tbody>"):], ">"+tc.firstMatch+"</a>") {
			t.Errorf("%s: first row is not %s", tc.path, tc.firstMatch)
		}
	}
	// Numeric, not text, order: 甲9镇 (9) comes after 甲10镇 (10) descending.
	_, body := get(t, s, "/requests?year=2025&requests-s=-requests_new&requests-p=3")
	if i, j := strings.Index(body, ">甲10镇<"), strings.Index(body, ">甲9镇<"); i < 0 || j < 0 || i > j {
		t.Errorf("descending by new requests: 甲10镇 at %d, 甲9镇 at %d", i, j)
	}
	// Each page links its print view, which has no page links of its own.
	_, body = get(t, s, "/requests?year=2025&requests-p=2")
	if sec := section(body, "requests"); !strings.Contains(sec, `href="/requests?print=1&amp;year=2025" title="打开含全部行的页面，再用浏览器打印">打印全部行`) {
		t.Errorf("page 2 lacks its print link")
	}
	_, body = get(t, s, "/requests?year=2025&print=1")
	if sec := section(body, "requests"); strings.Contains(sec, "打印全部行") || strings.Contains(sec, "下一页") {
		t.Errorf("the print view links pages or itself")
	}
	_, csv := get(t, s, "/export/requests.csv?year=2025&requests-p=2")
	if n := strings.Count(csv, "\r\n"); n != 255 {
		t.Errorf("the download has %d lines, want every row and the heading (255)", n)
	}
}

// TestCutTablesDoNotSort: a table holding only the first rows of a longer
// list (the row cap) offers no sorting, on the server or in the browser, and
// ignores a sort asked in its link: sorted, its rows would claim an order of
// the whole list. Its pager says so; a complete table sorts (TestPaging).
func TestCutTablesDoNotSort(t *testing.T) {
	fs := manyFake()
	fs.max = 120 // cut, and still longer than a page
	s, _ := newTestServer(t, fs)
	_, plain := get(t, s, "/requests?year=2025")
	for _, path := range []string{"/requests?year=2025", "/requests?year=2025&requests-s=-requests_new"} {
		_, body := get(t, s, path)
		sec := sectionOf(body, "requests")
		for _, absent := range []string{`class="sort"`, "aria-sort", "sortable"} {
			if strings.Contains(sec, absent) {
				t.Errorf("%s: the cut table has %s", path, absent)
			}
		}
		if !strings.Contains(sec, "第 1–100 行，共 120 行；列表不全，不能按列排序，查找也只在这些行中") {
			t.Errorf("%s: the pager does not say the list is cut", path)
		}
		if n := len(rowRE.FindAllString(sec, -1)); n != pageRows || sec[strings.Index(sec, "<tbody>"):] != sectionOf(plain, "requests")[strings.Index(sectionOf(plain, "requests"), "<tbody>"):] {
			t.Errorf("%s: %d rows, or not in the list's own order", path, n)
		}
	}
	// A cut table short enough to be sent whole has no sort buttons either.
	s, _ = newTestServer(t, cutFake())
	_, body := get(t, s, "/requests?year=2025")
	if sec := sectionOf(body, "requests"); sec == "" || strings.Contains(sec, `class="sort"`) || strings.Contains(sec, "sortable") {
		t.Errorf("the short cut table can be sorted in the browser")
	}
}

// TestTownshipIndexPaged: the index lists at most indexMax townships a page.
func TestTownshipIndexPaged(t *testing.T) {
	fs := newFake()
	for i := 1; i <= 450; i++ {
		tw := fakeTown{analytics.Township{Name: "乙" + strconv.Itoa(i) + "乡", County: "武峰区", City: "宁田市", Province: "盛亭省"}, ""}
		fs.reports = append(fs.reports, fakeReport(tw, 2025, 1, 0, 0, 0))
	}
	s, _ := newTestServer(t, fs)
	for path, want := range map[string]string{
		"/township?year=2025":     "第 1–300 个，共 454 个乡镇",
		"/township?year=2025&p=2": "第 301–454 个，共 454 个乡镇",
	} {
		_, body := get(t, s, path)
		_, list, _ := strings.Cut(body, `class="towns"`)
		if n := strings.Count(list, "<li><a href=\"/township?"); !strings.Contains(body, want) || n > indexMax {
			t.Errorf("%s: %d townships listed, want %q", path, n, want)
		}
	}
}

// TestPageWeight: with 2,000 townships in the selection (a province) no
// page sends more than 300 KB: tables are paged, the township index too.
func TestPageWeight(t *testing.T) {
	fs := newFake()
	for i := 1; i <= 2000; i++ {
		tw := fakeTown{analytics.Township{Name: "丙" + strconv.Itoa(i) + "街道", County: "平沙县", City: "宁田市", Province: "盛亭省"}, ""}
		fs.reports = append(fs.reports, fakeReport(tw, 2025, float64(i%97), float64(i%7), float64(i%3), float64(i%2)))
	}
	s, _ := newTestServer(t, fs)
	for _, path := range []string{"/", "/counties", "/rankings", "/rankings?metric=grant_rate", "/township", "/problems",
		"/requests", "/appeals", "/quality", "/search?q=" + url.QueryEscape("丙1")} {
		res, body := get(t, s, path)
		if res.StatusCode != 200 || len(body) > 300<<10 {
			t.Errorf("%s: %d, %d KB, want at most 300 KB", path, res.StatusCode, len(body)>>10)
		}
	}
	if _, csv := get(t, s, "/export/requests.csv?year=2025"); strings.Count(csv, "\r\n") != 2005 {
		t.Errorf("the download has %d lines, want every township and the heading", strings.Count(csv, "\r\n"))
	}
}
