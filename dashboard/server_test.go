package dashboard

import (
	"xxgk/analytics"

	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// newTestServer serves the fake, with a fake SQL console, logging into buf.
func newTestServer(t testing.TB, src Source) (*Server, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	s, err := New(src, Options{Log: slog.New(slog.NewTextHandler(&buf, nil)), SQL: ConsoleOptions{Console: &fakeConsole{}}})
	if err != nil {
		t.Fatal(err)
	}
	return s, &buf
}

// get requests path and returns the response with its (decoded) body.
func get(t testing.TB, h http.Handler, path string, header ...string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(body)
}

func q(path string, kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return path + "?" + v.Encode()
}

// TestPages checks every page: status, content type, key Chinese content.
func TestPages(t *testing.T) {
	s, _ := newTestServer(t, newFake())
	for _, tc := range []struct {
		path string
		want []string
	}{
		{"/", []string{"总览", "主要指标", "主动公开信息", "同比", "历年趋势", "2025年主动公开信息数排名", "丰塔乡"}},
		{q("/", "county", "平沙县", "year", "2024", "metric", "grant_rate"), []string{"2024年公开率排名", `<option value="平沙县" selected>`, "丰塔乡", "另有 1 个乡镇办理总数少于 3 件，样本不足"}},
		{q("/rankings", "metric", "grant_rate", "year", "2024"), []string{"样本不足的乡镇", "兰滩镇", "样本不足（1 件，少于 3 件）", "予以公开与部分公开（件）"}},
		{"/rankings", []string{"排名", "总排名", "名次变化", "县区内排名", "下载", "CSV", "Excel", "JSON"}},
		{"/counties", []string{"2025年县区对比", "平沙县", "武峰区", "活跃指数中位数（分）", `<svg class="spark"`,
			`href="/?city=%E5%AE%81%E7%94%B0%E5%B8%82&amp;county=%E5%B9%B3%E6%B2%99%E5%8E%BF&amp;province=%E7%9B%9B%E4%BA%AD%E7%9C%81&amp;year=2025"`}},
		{q("/rankings", "metric", "requests_new", "year", "2024"), []string{"2024年新收申请数排名"}},
		{q("/rankings", "year", "2024"), []string{"▲1", "▼1"}},
		{"/township", []string{"丰塔乡", "兰滩镇", "南岭乡", "平沙县"}},
		{q("/township", "county", "平沙县", "town", "丰塔乡"), []string{"丰塔乡", "历年报告", "历年申请办理结果", "历年申请人构成", "历年复议诉讼", "检查与警告", "来源文件", "丰塔乡-2025.txt"}},
		{q("/township", "county", "武峰区", "town", "南岭乡"), []string{"缺报", "零活动"}},
		{"/problems", []string{"零活动与缺报", "零活动乡镇", "南岭乡", "缺报的年度报告", "历年零活动与缺报", `class="alert bad"`,
			"未归属单位", "1</strong> 个单位未归属任何县区", "在 regions.csv 中为其增加一行", "县档案馆&lt;script&gt;"}},
		{"/requests", []string{"依申请公开", "办理结果", "予以公开", "申请人构成", "自然人", "公开率"}},
		{"/appeals", []string{"复议诉讼", "复议维持", "纠错率", "历年复议诉讼"}},
		{q("/quality", "year", "2025"), []string{"数据质量", "规则1", "第三部分 · 四、结转下年度继续办理 · 总计", "第四部分", "历年报告质量"}},
		{"/sql", []string{"SQL 控制台", "示例查询", "本年公开率最高的 10 个乡镇", "数据字典", "<code>rankings</code>", codemirrorHost + "codemirror.js", "<strong>乡镇</strong>"}},
		{q("/search", "q", "乡"), []string{"丰塔乡", "南岭乡"}},
		{q("/search", "q", "不存在"), []string{"没有找到名称包含“不存在”的乡镇"}},
	} {
		res, body := get(t, s, tc.path)
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", tc.path, res.StatusCode)
			continue
		}
		if ct := res.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("%s: content type %q", tc.path, ct)
		}
		for _, w := range append(tc.want, "政府信息公开年度报告", `name="q"`, "零活动与缺报", "SQL 控制台") {
			if !strings.Contains(body, w) {
				t.Errorf("%s: body lacks %q", tc.path, w)
			}
		}
	}
}

// TestAPICatalogAndSearch: the two API routes that are not datasets.
func TestAPICatalogAndSearch(t *testing.T) {
	s, _ := newTestServer(t, newFake())
	_, body := get(t, s, "/api/catalog")
	for _, want := range []string{`"places":[{"province":"盛亭省","city":"宁田市","county":"平沙县"}`, `"years":[2023,2024,2025]`,
		`"latest":2025`, `{"key":"grant_rate","percent":true,"metric":"grant_rate","label":"公开率","unit":"%","kind":"rate"`, `"min_rate_denominator":3`,
		`"figures":[{"metric":"reports","label":"报告数","unit":"份","kind":"count","definition":"所选范围和年份内现行的年度报告份数`} {
		if !strings.Contains(body, want) {
			t.Errorf("/api/catalog lacks %s: %s", want, body)
		}
	}
	_, body = get(t, s, q("/api/search", "q", "塔"))
	if !strings.Contains(body, `"results":[{"township":"丰塔乡","org":"丰塔乡人民政府","county":"平沙县","city":"宁田市","province":"盛亭省","url":"/township?city=`) {
		t.Errorf("/api/search: %s", body)
	}
}

// TestSearchJumps: one match opens the township's page.
func TestSearchJumps(t *testing.T) {
	s, _ := newTestServer(t, newFake())
	res, _ := get(t, s, q("/search", "q", "塔"))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("status %d, want 303", res.StatusCode)
	}
	loc, _ := url.Parse(res.Header.Get("Location"))
	if loc.Path != "/township" || loc.Query().Get("town") != "丰塔乡" || loc.Query().Get("county") != "平沙县" {
		t.Errorf("Location %s", loc)
	}
}

// TestEscaping: a township named like a script renders as text everywhere.
func TestEscaping(t *testing.T) {
	s, _ := newTestServer(t, newFake())
	for _, path := range []string{
		"/", "/rankings", q("/rankings", "county", "武峰区"), "/township", "/requests", "/appeals", q("/quality", "year", "2025"),
		q("/township", "county", "武峰区", "town", evilName), q("/search", "q", "script"),
		q("/search", "q", "<b>x</b>"), q("/", "county", "<i>x</i>"), q("/", "year", "<b>"),
	} {
		_, body := get(t, s, path)
		for _, bad := range []string{"<script>alert", "<b>x", "<i>x", "<b>\""} {
			if strings.Contains(body, bad) {
				t.Errorf("%s: raw %q in the page", path, bad)
			}
		}
	}
	_, body := get(t, s, q("/township", "county", "武峰区", "town", evilName))
	if !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;镇") {
		t.Errorf("the township's name is not shown as escaped text")
	}
	_, js := get(t, s, q("/api/rankings"))
	if strings.Contains(js, "<script>") || !strings.Contains(js, `\u003cscript\u003ealert(1)\u003c/script\u003e镇`) {
		t.Errorf("JSON does not escape the name: %.300s", js)
	}
}

// TestErrors: status codes and Chinese messages; internal details only in
// the log.
func TestErrors(t *testing.T) {
	s, _ := newTestServer(t, newFake())
	for _, tc := range []struct {
		path   string
		status int
		want   string
	}{
		{"/nope", 404, "页面不存在"},
		{q("/", "year", "abc"), 400, "年份无效"},
		{q("/rankings", "metric", "nope"), 400, "未知指标"},
		{q("/rankings", "year", "2018"), 400, "没有 2018 年的报告：现有 2023—2025 年"},
		{q("/problems", "county", "nosuch"), 400, "没有名为“nosuch”的县区"},
		{q("/", "city", "别的市"), 400, "没有名为“别的市”的市"},
		{q("/export/rankings.csv", "province", "别省"), 400, "没有名为“别省”的省份"},
		{q("/api/rankings", "year", "2018"), 400, "没有 2018 年的报告"},
		{q("/township", "county", "平沙县", "town", "不存在"), 404, "未找到乡镇"},
		{"/api/nope", 404, `{"error":"没有这个数据集：nope"}`},
		{"/api/township-years", 400, "缺少参数 town"},
		{"/api/search", 400, "缺少搜索词"},
		{"/export/rankings.pdf", 404, "下载格式"},
		{"/export/nope.csv", 404, "没有这个数据集"},
		{q("/search", "q", strings.Repeat("镇", 51)), 400, "搜索词过长"},
	} {
		res, body := get(t, s, tc.path)
		if res.StatusCode != tc.status || !strings.Contains(body, tc.want) {
			t.Errorf("%s: %d %.200q, want %d with %q", tc.path, res.StatusCode, body, tc.status, tc.want)
		}
	}

	broken := newFake()
	broken.err = errors.New("duckdb: secret detail /var/db")
	s, logBuf := newTestServer(t, broken)
	for _, path := range []string{"/", "/rankings", "/api/rankings", "/export/rankings.csv", q("/township", "county", "平沙县", "town", "丰塔乡")} {
		res, body := get(t, s, path)
		if res.StatusCode != 500 || !strings.Contains(body, "内部错误") || strings.Contains(body, "secret") {
			t.Errorf("%s: %d %.200q, want 500 内部错误 without details", path, res.StatusCode, body)
		}
	}
	if !strings.Contains(logBuf.String(), "secret detail") {
		t.Errorf("the log lacks the internal error")
	}
}

// TestPanicRecovered: a panic becomes 内部错误, logged with its stack.
func TestPanicRecovered(t *testing.T) {
	s, logBuf := newTestServer(t, panicSource{newFake()})
	res, body := get(t, s, "/")
	if res.StatusCode != 500 || !strings.Contains(body, "内部错误") || strings.Contains(body, "boom") {
		t.Errorf("%d %.200q", res.StatusCode, body)
	}
	if !strings.Contains(logBuf.String(), "boom") {
		t.Errorf("the log lacks the panic")
	}
}

type panicSource struct{ *fakeSource }

func (panicSource) Summary(ctx context.Context, s Scope) ([]analytics.Rollup, error) { panic("boom") }

// TestAssets: the embedded files with caching headers and gzip.
func TestAssets(t *testing.T) {
	s, _ := newTestServer(t, newFake())
	for path, ct := range map[string]string{
		"/assets/app.js":               "text/javascript; charset=utf-8",
		"/assets/app.css":              "text/css; charset=utf-8",
		echartsHost + "echarts.min.js": "text/javascript; charset=utf-8",
	} {
		res, plain := get(t, s, path)
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != ct || res.Header.Get("ETag") == "" {
			t.Errorf("%s: %d %q etag %q", path, res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("ETag"))
		}
		if !strings.Contains(res.Header.Get("Cache-Control"), "max-age=") {
			t.Errorf("%s: Cache-Control %q", path, res.Header.Get("Cache-Control"))
		}
		res, zipped := get(t, s, path, "Accept-Encoding", "gzip, deflate")
		if res.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("%s: not gzipped", path)
		}
		zr, err := gzip.NewReader(strings.NewReader(zipped))
		if err != nil {
			t.Fatal(err)
		}
		unzipped, _ := io.ReadAll(zr)
		if string(unzipped) != plain || len(zipped) >= len(plain) {
			t.Errorf("%s: gzip body %d bytes, plain %d", path, len(zipped), len(plain))
		}
		res, _ = get(t, s, path, "If-None-Match", res.Header.Get("ETag"))
		if res.StatusCode != http.StatusNotModified {
			t.Errorf("%s: If-None-Match gave %d", path, res.StatusCode)
		}
	}
	res, _ := get(t, s, echartsHost+"echarts.min.js")
	if !strings.Contains(res.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("the versioned ECharts is not cached as immutable")
	}
}

// TestEChartsChecksum pins the vendored ECharts (assets/vendor/README.md).
func TestEChartsChecksum(t *testing.T) {
	a, err := readAsset("assets/vendor/echarts-"+echartsVersion+".min.js", true)
	if err != nil {
		t.Fatal(err)
	}
	if got := sha256Hex(a.body); got != "bf4a223524e40b77c304bec67e1222cf551f14880cf42c69dc046558e11c07b1" {
		t.Errorf("echarts.min.js sha256 %s: the vendored file changed; update assets/vendor/README.md", got)
	}
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// echartsURLs are the only URLs inside echarts.min.js: licence references
// in comments and XML namespace names used as identifiers when ECharts
// builds SVG. A browser fetches none of them.
var echartsURLs = map[string]bool{
	"http://www.apache.org/licenses/LICENSE-2.0":                true,
	"http://www.w3.org/2000/svg":                                true,
	"http://www.w3.org/1999/xlink":                              true,
	"http://www.w3.org/2000/xmlns/":                             true,
	"http://www.w3.org/XML/1998/namespace":                      true,
	"https://github.com/ecomfe/zrender/blob/master/LICENSE.txt": true,
}

var (
	urlPattern  = regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.\-]+[^\s"'<>)\\]*`)
	linkPattern = regexp.MustCompile(`(?i)(?:href|src|action)="([^"]*)"`)
)

// externalURLs returns the URLs in body that leave the machine, ignoring
// localhost, in the ECharts file the allowed identifiers, and in the
// vendored CodeMirror files (pinned by TestVendorChecksums) the URLs in
// comments: licence and reference links a browser never fetches.
func externalURLs(path, body string) []string {
	var out []string
	for _, loc := range urlPattern.FindAllStringIndex(body, -1) {
		u := body[loc[0]:loc[1]]
		if !strings.HasPrefix(strings.ToLower(u), "http") {
			continue // "//" inside JavaScript or CSS comments and regexps
		}
		host := strings.SplitN(strings.SplitN(u, "//", 2)[1], "/", 2)[0]
		if strings.HasPrefix(host, "127.0.0.1") || strings.HasPrefix(host, "localhost") {
			continue
		}
		if strings.HasSuffix(path, "echarts.min.js") && echartsURLs[u] {
			continue
		}
		if strings.HasPrefix(path, codemirrorHost) && inLineComment(body, loc[0]) {
			continue
		}
		out = append(out, u)
	}
	return out
}

// inLineComment says whether the text at i is in a comment: a "//" earlier
// on its line (not a URL's "://"), or a line of a block comment.
func inLineComment(body string, i int) bool {
	before := body[strings.LastIndexByte(body[:i], '\n')+1 : i]
	trimmed := strings.TrimSpace(before)
	return strings.Contains(strings.ReplaceAll(before, "://", ""), "//") ||
		strings.HasPrefix(trimmed, "*") || strings.HasPrefix(trimmed, "/*")
}

// TestNoExternalURL crawls every page, dataset, download and asset the
// pages link to and checks that nothing points outside: no absolute URL in
// HTML, JS, CSS, JSON or CSV (except ECharts' licence and namespace
// identifiers), and every link and script is a local path.
func TestNoExternalURL(t *testing.T) {
	s, _ := newTestServer(t, newFake())
	seeds := []string{"/", q("/", "county", "武峰区", "year", "2024"), "/township", q("/quality", "year", "2025"), "/sql",
		q("/search", "q", "乡"), "/api/catalog", q("/api/search", "q", "乡")}
	for _, p := range pages {
		seeds = append(seeds, p.path)
	}
	seen := map[string]bool{}
	queue := seeds
	for len(queue) > 0 && len(seen) < 600 {
		path := queue[0]
		queue = queue[1:]
		if seen[path] {
			continue
		}
		seen[path] = true
		res, body := get(t, s, path)
		if strings.HasPrefix(path, "/source/") && res.StatusCode == http.StatusGone {
			continue // the fake's source files are not on disk; TestSourceServed serves real ones
		}
		if res.StatusCode != 200 {
			t.Errorf("%s: status %d", path, res.StatusCode)
			continue
		}
		ct := res.Header.Get("Content-Type")
		if strings.Contains(ct, "spreadsheetml") {
			continue // a zip file: its XML holds only the table
		}
		if ext := externalURLs(path, body); len(ext) > 0 {
			t.Errorf("%s: external URLs %q", path, ext)
		}
		if !strings.HasPrefix(ct, "text/html") {
			continue
		}
		for _, m := range linkPattern.FindAllStringSubmatch(body, -1) {
			link := strings.ReplaceAll(m[1], "&amp;", "&")
			if !strings.HasPrefix(link, "/") || strings.HasPrefix(link, "//") {
				if !strings.HasPrefix(link, "#") {
					t.Errorf("%s: link %q is not a local path", path, link)
				}
				continue
			}
			// The fragment is the browser's, not the server's.
			link, _, _ = strings.Cut(link, "#")
			if !seen[link] {
				queue = append(queue, link)
			}
		}
	}
	if len(seen) < 100 {
		t.Errorf("crawled only %d URLs", len(seen))
	}
	for _, must := range []string{echartsHost + "echarts.min.js", "/assets/app.js", "/export/rankings.xlsx", "/api/trend",
		codemirrorHost + "sql.js", "/assets/console.js", "/sql?example=top_grant_rate"} {
		found := false
		for u := range seen {
			found = found || strings.HasPrefix(u, must)
		}
		if !found {
			t.Errorf("the crawl never reached %s", must)
		}
	}
}
