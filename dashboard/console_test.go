package dashboard

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"log/slog"
	"math"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/xuri/excelize/v2"
)

// post sends body to path with a content type and returns the response
// with its body.
func post(t testing.TB, h http.Handler, path, contentType, body string, header ...string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(b)
}

// postSQL posts {"sql": query} to path.
func postSQL(t testing.TB, h http.Handler, path, query string) (*http.Response, string) {
	t.Helper()
	b, _ := json.Marshal(sqlRequest{SQL: query})
	return post(t, h, path, "application/json", string(b))
}

// sqlAnswer is POST /api/sql's answer, success or failure.
type sqlAnswer struct {
	Columns   []sqlColumnJSON `json:"columns"`
	Rows      [][]any         `json:"rows"`
	RowCount  int             `json:"row_count"`
	Truncated bool            `json:"truncated"`
	MaxRows   int             `json:"max_rows"`
	ElapsedMS *int64          `json:"elapsed_ms"`
	Error     string          `json:"error"`
	Kind      string          `json:"kind"`
	Message   string          `json:"message"`
	Line      int             `json:"line"`
	Column    int             `json:"column"`
}

func decodeAnswer(t testing.TB, body string) sqlAnswer {
	t.Helper()
	var a sqlAnswer
	if err := json.Unmarshal([]byte(body), &a); err != nil {
		t.Fatalf("not JSON: %v: %.300s", err, body)
	}
	return a
}

// TestConsolePage: the editor, the examples and the schema browser with
// the Chinese dictionary and sql/README.md's descriptions; ?example= and ?sql= fill the editor.
func TestConsolePage(t *testing.T) {
	s, _ := newTestServer(t, newFake())
	res, body := get(t, s, "/sql")
	if res.StatusCode != 200 {
		t.Fatalf("status %d", res.StatusCode)
	}
	for _, want := range []string{
		`<textarea id="sql-input" name="sql"`, `action="/sql"`, "最多返回 10,000 行", "超过 10 秒自动取消",
		codemirrorHost + "codemirror.css", codemirrorHost + "sql-hint.js", echartsHost + "echarts.min.js", "/assets/console.js",
		"本年公开率最高的 10 个乡镇", "连续三年及以上零活动的乡镇", "报告算术错误最多的县区", `href="/sql?example=top_grant_rate"`,
		`<details class="schema-table" data-table="rankings">`, "视图 · 4 列", "表 · 2 列",
		"Every township ranked per year on each headline metric", // the view's description
		`<code>RANK()</code>`,                                   // Markdown in a column's meaning
		`data-column="s3.new.total"`,                            // a table's column
		"<code>(granted + partial) / requests_processed</code>", // requests.grant_rate
		// In Chinese first (analytics.TableText, ColumnText): the view's
		// name and meaning, a column's, a metric's from the catalog, a
		// figures column from the template, and the type on its own.
		`<code>rankings</code> <strong>排名</strong>`, "各乡镇每年在每个主要指标上的全部名次及县区内名次",
		`<strong>名次</strong>：在当年全部参加排名的乡镇中的名次：1 为数值最大`,
		`<strong>公开率</strong>：（予以公开 &#43; 部分公开）÷ 办理总数（第三部分（七）总计）。视图中为小数（0.25 即 25%）。`,
		`data-column="s3.new.total">s3.new.total</button> 第三部分 · 一、本年新收政府信息公开申请数量 · 总计</li>`,
		`<span class="schema-type">DOUBLE · 小数 0–1</span>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/sql lacks %q", want)
		}
	}
	_, body = get(t, s, "/sql?example=zero_activity_streaks")
	if !strings.Contains(body, "-- 连续三年及以上零活动的乡镇\n") || !strings.Contains(body, "FROM zero_activity") {
		t.Errorf("?example= did not fill the editor")
	}
	_, body = get(t, s, q("/sql", "sql", "SELECT '<b>' AS x"))
	if !strings.Contains(body, `>SELECT &#39;&lt;b&gt;&#39; AS x</textarea>`) {
		t.Errorf("?sql= did not fill the editor, escaped")
	}
	if res, _ := get(t, s, "/sql?example=nope"); res.StatusCode != 404 {
		t.Errorf("an unknown example: status %d", res.StatusCode)
	}
}

// TestAPISQL: a query's result as JSON, and the row cap.
func TestAPISQL(t *testing.T) {
	s, logBuf := newTestServer(t, newFake())
	res, body := postSQL(t, s, "/api/sql", "SELECT township FROM requests")
	a := decodeAnswer(t, body)
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/json; charset=utf-8" {
		t.Fatalf("status %d %s: %s", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
	if len(a.Columns) != 5 || a.Columns[1] != (sqlColumnJSON{"grant_rate", "DOUBLE", true}) || a.RowCount != 3 ||
		a.Truncated || a.MaxRows != 10_000 || a.ElapsedMS == nil || *a.ElapsedMS != 7 {
		t.Errorf("answer %+v", a)
	}
	if !strings.Contains(body, `"rows":[["丰塔乡",0.75,12,12.3,["a","b"]],["\u003cscript\u003ealert(1)\u003c/script\u003e镇",null,3,0.05,[]]`) {
		t.Errorf("rows: %s", body)
	}
	_, body = post(t, s, "/api/sql", "application/json", `{"sql": "SELECT 1", "max_rows": 2}`)
	if a := decodeAnswer(t, body); a.RowCount != 2 || !a.Truncated || a.MaxRows != 2 {
		t.Errorf("max_rows 2: %+v", a)
	}
	// A form works too (curl -d sql=…), and the query is logged.
	res, body = post(t, s, "/api/sql", "application/x-www-form-urlencoded", "sql=SELECT+1&max_rows=1")
	if a := decodeAnswer(t, body); res.StatusCode != 200 || a.RowCount != 1 {
		t.Errorf("form: %d %+v", res.StatusCode, a)
	}
	if !strings.Contains(logBuf.String(), `msg="sql console" query="SELECT 1" rows=1 bytes=0 truncated=true cut_by=rows`) {
		t.Errorf("the console's queries are not logged:\n%s", logBuf.String())
	}
}

// TestAPISQLErrors: every refusal says why in Chinese, with DuckDB's
// message and the place of the error; internal errors say nothing more.
func TestAPISQLErrors(t *testing.T) {
	s, _ := newTestServer(t, newFake())
	big := `{"sql": "SELECT 1 -- ` + strings.Repeat("x", maxSQLBody) + `"}`
	for _, tc := range []struct {
		name, contentType, body string
		header                  []string
		status                  int
		error, kind, message    string
		line, column            int
	}{
		{"syntax", "application/json", `{"sql": "SELEC 1"}`, nil, 400, "查询出错（第 1 行第 1 列）", SQLFailed, "LINE 1: SELEC 1\n        ^", 1, 1},
		{"write", "application/json", `{"sql": "DROP TABLE reports"}`, nil, 400, "只能运行一条 SELECT 查询语句", SQLRefused, "only one SELECT", 0, 0},
		{"internal", "application/json", `{"sql": "SELECT boom"}`, nil, 500, "内部错误", "", "", 0, 0},
		{"empty", "application/json", `{"sql": "  \n "}`, nil, 400, "请输入一条 SELECT 查询", "", "", 0, 0},
		{"not JSON", "application/json", `{"sql": `, nil, 400, "请求格式无效", "", "", 0, 0},
		{"wrong field type", "application/json", `{"sql": 1}`, nil, 400, "请求格式无效", "", "", 0, 0},
		{"text", "text/plain", "SELECT 1", nil, 415, "请以 JSON 提交查询", "", "", 0, 0},
		{"1 MB", "application/json", big, nil, 413, "查询过长：请求不能超过 1024 KB", "", "", 0, 0},
		{"another site", "application/json", `{"sql": "SELECT 1"}`, []string{"Sec-Fetch-Site", "cross-site"}, 403, "不接受来自其他网站的请求", "", "", 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, body := post(t, s, "/api/sql", tc.contentType, tc.body, tc.header...)
			a := decodeAnswer(t, body)
			if res.StatusCode != tc.status || !strings.HasPrefix(a.Error, tc.error) || a.Kind != tc.kind ||
				!strings.Contains(a.Message, tc.message) || a.Line != tc.line || a.Column != tc.column {
				t.Errorf("%d %+v", res.StatusCode, a)
			}
			if strings.Contains(body, "secret") {
				t.Errorf("an internal error leaked: %s", body)
			}
		})
	}
	res, body := get(t, s, "/api/sql")
	if res.StatusCode != 405 || !strings.Contains(body, "请用 POST 提交查询") {
		t.Errorf("GET /api/sql: %d %s", res.StatusCode, body)
	}
}

// TestAPISQLBusy: beyond the bound on concurrent queries the console says
// it is busy at once, and the dashboards keep answering.
func TestAPISQLBusy(t *testing.T) {
	con := &fakeConsole{gate: make(chan struct{}), started: make(chan struct{}, 1)}
	s, err := New(newFake(), Options{SQL: ConsoleOptions{Console: con, Concurrent: 1}})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan int)
	go func() {
		res, _ := postSQL(t, s, "/api/sql", fakeWait)
		done <- res.StatusCode
	}()
	<-con.started
	res, body := postSQL(t, s, "/api/sql", "SELECT 1")
	if res.StatusCode != 503 || res.Header.Get("Retry-After") == "" || !strings.Contains(body, "SQL 控制台正忙：同时最多运行 1 个查询") {
		t.Errorf("a second query: %d %q %s", res.StatusCode, res.Header.Get("Retry-After"), body)
	}
	res, _ = postSQL(t, s, "/export/sql.csv", "SELECT 1")
	if res.StatusCode != 503 {
		t.Errorf("a download while busy: %d", res.StatusCode)
	}
	if res, _ := get(t, s, "/"); res.StatusCode != 200 {
		t.Errorf("the overview while the console is busy: %d", res.StatusCode)
	}
	close(con.gate)
	if code := <-done; code != 200 {
		t.Errorf("the first query: %d", code)
	}
	if res, _ := postSQL(t, s, "/api/sql", "SELECT 1"); res.StatusCode != 200 {
		t.Errorf("after the first query ended: %d", res.StatusCode)
	}
}

// TestConsoleOwnTimeout: an analyst's query runs under the console's
// timeout, not the (shorter) bound of a page's reads.
func TestConsoleOwnTimeout(t *testing.T) {
	s, err := New(newFake(), Options{QueryTimeout: 50 * time.Millisecond, SQL: ConsoleOptions{Console: &fakeConsole{}, Timeout: time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	if res, body := postSQL(t, s, "/api/sql", fakeSlow); res.StatusCode != 200 {
		t.Errorf("a query under a 1 s console timeout, pages' bound 50 ms: %d %s", res.StatusCode, body)
	}
}

// TestExportSQL: a query's result downloads as CSV and XLSX, written as
// the dashboards' downloads are; a failure is text.
func TestExportSQL(t *testing.T) {
	s, _ := newTestServer(t, newFake())
	nowFunc = func() time.Time { return time.Date(2025, 3, 1, 9, 5, 7, 0, time.UTC) }
	defer func() { nowFunc = time.Now }()
	res, body := postSQL(t, s, "/export/sql.csv", "SELECT township FROM requests")
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != contentCSV ||
		res.Header.Get("Content-Disposition") != `attachment; filename="query-20250301-090507.csv"` || res.Header.Get("X-Truncated") != "false" {
		t.Fatalf("%d %v", res.StatusCode, res.Header)
	}
	want := "\ufefftownship,grant_rate,requests,amount,tags\r\n丰塔乡,0.75,12,12.3,\"[\"\"a\"\",\"\"b\"\"]\"\r\n" +
		evilName + ",,3,0.05,[]\r\n南岭乡,0.5,,,\r\n"
	if body != want {
		t.Errorf("CSV:\n%q\nwant\n%q", body, want)
	}
	if _, err := csv.NewReader(strings.NewReader(body)).ReadAll(); err != nil {
		t.Error(err)
	}
	res, body = post(t, s, "/export/sql.xlsx", "application/x-www-form-urlencoded", url.Values{"sql": {"SELECT 1"}, "max_rows": {"2"}}.Encode())
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != contentXLSX || res.Header.Get("X-Truncated") != "true" ||
		res.Header.Get("X-Truncated-By") != "rows" || res.Header.Get("X-Row-Count") != "2" ||
		res.Header.Get("Content-Disposition") != `attachment; filename="query-20250301-090507-first-2-rows.xlsx"` {
		t.Fatalf("xlsx: %d %v", res.StatusCode, res.Header)
	}
	f, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("查询结果")
	typ, _ := f.GetCellType("查询结果", "B2")
	if len(rows) != 4 || rows[3][0] != "（结果超过 2 行，只返回前 2 行）" || rows[1][0] != "丰塔乡" || rows[1][3] != "12.3" || typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("xlsx rows %q, B2 type %v", rows, typ)
	}
	res, body = postSQL(t, s, "/export/sql.csv", fakeSyntax)
	if res.StatusCode != 400 || res.Header.Get("Content-Type") != "text/plain; charset=utf-8" ||
		!strings.HasPrefix(body, "查询出错（第 1 行第 1 列）\n\nParser Error: syntax error") {
		t.Errorf("a failed download: %d %q", res.StatusCode, body)
	}
}

// TestSQLForm: without JavaScript the form posts to /sql and the page
// shows the result, or the error, with the query still in the editor.
func TestSQLForm(t *testing.T) {
	s, _ := newTestServer(t, newFake())
	res, body := post(t, s, "/sql", "application/x-www-form-urlencoded", url.Values{"sql": {"SELECT township\r\nFROM requests"}}.Encode())
	if res.StatusCode != 200 {
		t.Fatalf("status %d", res.StatusCode)
	}
	for _, want := range []string{"共 3 行，用时 7 毫秒", "<th scope=\"col\" class=\"num\"><button type=\"button\" class=\"sort\">grant_rate</button>",
		"&lt;script&gt;alert(1)&lt;/script&gt;镇", `<td class="null num" data-sort="">NULL</td>`, ">SELECT township\nFROM requests</textarea>"} {
		if !strings.Contains(body, want) {
			t.Errorf("the result page lacks %q", want)
		}
	}
	if strings.Contains(body, "<script>alert") {
		t.Error("a value reached the page unescaped")
	}
	res, body = post(t, s, "/sql", "application/x-www-form-urlencoded", "sql="+url.QueryEscape(fakeSyntax))
	if res.StatusCode != 400 || !strings.Contains(body, "查询出错（第 1 行第 1 列）") || !strings.Contains(body, "LINE 1: SELEC 1\n        ^") ||
		strings.Contains(body, `id="sql-error" aria-labelledby="sql-error-title" hidden`) {
		t.Errorf("the error page: %d", res.StatusCode)
	}
}

// TestConsoleDisabled: a server without a console says so.
func TestConsoleDisabled(t *testing.T) {
	s, err := New(newFake(), Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	if res, body := get(t, s, "/sql"); res.StatusCode != 200 || !strings.Contains(body, "本服务器没有启用 SQL 控制台") || strings.Contains(body, "codemirror") {
		t.Errorf("/sql: %d", res.StatusCode)
	}
	if res, body := postSQL(t, s, "/api/sql", "SELECT 1"); res.StatusCode != 503 || !strings.Contains(body, "未启用") {
		t.Errorf("/api/sql: %d %s", res.StatusCode, body)
	}
}

// TestVendorChecksums pins the vendored CodeMirror files
// (assets/vendor/README.md).
func TestVendorChecksums(t *testing.T) {
	want := map[string]string{
		"codemirror.js":    "e98aac5ffa07bae58acd4ff07c4293059f8921c0ae0eba506929d8c6f41c9288",
		"codemirror.css":   "eb494ea972d2661ef86f7f6ac656dd6786d721e49c9c1b46e1eb967e4b6f9bf3",
		"sql.js":           "d5edb6bd39caa6155cab6bcdeb380a29229264a8a26e5fddd21ca12f0ebf359f",
		"show-hint.js":     "6d940e45a07c13abd1e872802ba20f91f809d4b583afcd58a8058e25c7f0cfce",
		"show-hint.css":    "9058c1c14fcdae199b490bb6214f36a216b9ce84d7df2084830ebb6a60337651",
		"sql-hint.js":      "8723e07aa931aafc160404ec65f0cc05b9cb44198edb3d0e61efb5c3f83d202a",
		"matchbrackets.js": "9d23a177f1e4d07e3acc37c210ffbe4c1c2eb4d55bbe54c16d3e7ad3d04d0401",
	}
	if len(want) != len(codemirrorFiles) {
		t.Fatalf("%d files pinned, %d served", len(want), len(codemirrorFiles))
	}
	for _, name := range codemirrorFiles {
		a, err := readAsset("assets/vendor/codemirror-"+codemirrorVersion+"/"+name, true)
		if err != nil {
			t.Fatal(err)
		}
		if got := sha256Hex(a.body); got != want[name] {
			t.Errorf("%s sha256 %s: the vendored file changed; update assets/vendor/README.md", name, got)
		}
	}
	s, _ := newTestServer(t, newFake())
	res, _ := get(t, s, codemirrorHost+"codemirror.js")
	if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("codemirror.js: %d %q", res.StatusCode, res.Header.Get("Cache-Control"))
	}
}

func TestResultCell(t *testing.T) {
	for _, tc := range []struct {
		v     any
		typ   string
		value any
		text  string
	}{
		{nil, "INTEGER", nil, "NULL"},
		{1e20, "DOUBLE", 1e20, "1e+20"},
		{0.1, "DOUBLE", 0.1, "0.1"},
		{math.NaN(), "DOUBLE", "NaN", "NaN"},
		{duckdb.Decimal{Width: 38, Scale: 1, Value: big.NewInt(-123456789012345678)}, "DECIMAL(38,1)", json.Number("-12345678901234567.8"), "-12345678901234567.8"},
		{duckdb.Decimal{Width: 6, Scale: 3, Value: big.NewInt(-125)}, "DECIMAL(6,3)", -0.125, "-0.125"},
		{int64(7), "BIGINT", 7.0, "7"},
		{int64(1 << 60), "BIGINT", json.Number("1152921504606846976"), "1152921504606846976"},
		{true, "BOOLEAN", true, "true"},
		{map[string]any{"a": 1}, `STRUCT("a" INTEGER)`, `{"a":1}`, `{"a":1}`},
		{[]byte{0, 'a'}, "BLOB", `\x00a`, `\x00a`},
	} {
		c := resultCell(tc.v, tc.typ)
		if c.Value != tc.value || c.Text != tc.text {
			t.Errorf("resultCell(%v) = %#v / %q, want %#v / %q", tc.v, c.Value, c.Text, tc.value, tc.text)
		}
	}
	if got := markdownInline("`a<b` and **c** <i>"); got != "<code>a&lt;b</code> and <strong>c</strong> &lt;i&gt;" {
		t.Errorf("markdownInline: %s", got)
	}
}

// TestSQLByteBudget: a result cut by the byte budget says so as a result
// cut by rows does: in the JSON, on the page, in the headers and the file.
func TestSQLByteBudget(t *testing.T) {
	s, _ := newTestServer(t, newFake())
	nowFunc = func() time.Time { return time.Date(2025, 3, 1, 9, 5, 7, 0, time.UTC) }
	defer func() { nowFunc = time.Now }()
	const note = "结果超过 64 MB，只返回前 1 行"
	_, body := postSQL(t, s, "/api/sql", fakeBytes)
	var a struct {
		sqlAnswer
		CutBy    string `json:"cut_by"`
		CutNote  string `json:"cut_note"`
		MaxBytes int64  `json:"max_bytes"`
		Bytes    int64  `json:"bytes"`
	}
	if err := json.Unmarshal([]byte(body), &a); err != nil {
		t.Fatal(err)
	}
	if !a.Truncated || a.RowCount != 1 || len(a.Rows) != 1 || a.CutBy != "bytes" || a.CutNote != note || a.MaxBytes != 64<<20 || a.Bytes != 40 {
		t.Errorf("API: %s", body)
	}
	res, body := postSQL(t, s, "/export/sql.csv", fakeBytes)
	if res.Header.Get("X-Truncated") != "true" || res.Header.Get("X-Truncated-By") != "bytes" || res.Header.Get("X-Row-Count") != "1" ||
		res.Header.Get("Content-Disposition") != `attachment; filename="query-20250301-090507-first-1-rows.csv"` || strings.Count(body, "\r\n") != 2 {
		t.Errorf("CSV: %v\n%s", res.Header, body)
	}
	_, body = post(t, s, "/sql", "application/x-www-form-urlencoded", "sql="+url.QueryEscape(fakeBytes))
	if !strings.Contains(body, note+"；用时 7 毫秒") {
		t.Errorf("the page does not say the result was cut")
	}
	if _, body := get(t, s, "/sql"); !strings.Contains(body, "最多返回 10,000 行、64 MB") {
		t.Errorf("the page does not state the byte budget")
	}
}

// TestExportSQLFormulas: a text a spreadsheet would run as a formula gets
// a leading apostrophe in the console's CSV; numbers stay numbers, however
// large or negative.
func TestExportSQLFormulas(t *testing.T) {
	s, _ := newTestServer(t, newFake())
	_, body := postSQL(t, s, "/export/sql.csv", fakeFormula)
	want := "\ufeff'=name,n,big,amount\r\n" +
		"'=1+1,-3,-1267650600228229401496703205376,-12.345\r\n" +
		"\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"点击\"\")\",4,-7,0\r\n" +
		"'@SUM(A1:A9),,,\r\n'-2+3,,,\r\n'+86,,,\r\n'\tx,,,\r\n\"'x\",,,\r\n" // encoding/csv drops a lone \r under UseCRLF
	if body != want {
		t.Errorf("CSV:\n%q\nwant\n%q", body, want)
	}
}
