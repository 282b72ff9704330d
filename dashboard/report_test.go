package dashboard

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"xxgk/analytics"
)

// sourceFake is the fake with one report whose source file exists in dir,
// recorded with its SHA-256, in the given format.
func sourceFake(t *testing.T, format, name string, data []byte) (*fakeSource, int64) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	h := sha256.Sum256(data)
	fs := newFake()
	const id = 424242
	fs.sources = map[int64]*analytics.ReportDetail{id: {
		Township: townA.Township, ReportID: id, Org: townA.Org, Year: 2025, Template: "2021", Format: format,
		SourceFile: path, SHA256: hex.EncodeToString(h[:]),
		Figures: map[string]float64{"proactive_items": 61, "s3.processed.natural": 3, "s3.new.legal": 0, "s4.review.total": 2},
		Blank:   []string{"s3.new.legal"},
		Checks:  []analytics.Check{{Rule: 4, Cell: "s4.review.total", Expected: 1, Found: 2}},
	}}
	return fs, id
}

// TestReportPage: the evidence page names the failing cell in Chinese with
// expected and found, marks it and the blank cell in the parsed tables, and
// frames the source in a sandbox.
func TestReportPage(t *testing.T) {
	fs, id := sourceFake(t, "html", "丰塔乡-2025.html", []byte("<p>报告</p>"))
	s, _ := newTestServer(t, fs)
	res, body := get(t, s, "/report?id="+strconv.Itoa(int(id)))
	if res.StatusCode != 200 {
		t.Fatalf("status %d: %.300s", res.StatusCode, body)
	}
	for _, want := range []string{
		"原文", "解析结果", "第四部分 · 行政复议 · 总计", "规则4：总计＝结果维持＋结果纠正＋其他结果＋尚未审结",
		`title="规则4：总计＝结果维持＋结果纠正＋其他结果＋尚未审结：按规则应为 1，报告所填 2"`,
		"空白单元格", "第三部分 · 一、本年新收政府信息公开申请数量 · 法律服务机构", `<td class="warn num" title="报告中此格为空白，按 0 计"`,
		`<iframe class="source-frame" src="/source/424242" title="报告原文" sandbox`, "(七)总计",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("report page lacks %q", want)
		}
	}
	for path, status := range map[string]int{"/report?id=abc": 400, "/report?id=7": 404, "/source/0": 400, "/source/7": 404} {
		if res, _ := get(t, s, path); res.StatusCode != status {
			t.Errorf("%s: %d, want %d", path, res.StatusCode, status)
		}
	}
}

// TestSourceServed: the original bytes with their type, a hostile HTML
// page under a sandboxing policy, DOCX as a download, and a file changed
// since ingest refused.
func TestSourceServed(t *testing.T) {
	evil := []byte(`<html><body><script>parent.document.body.innerHTML=""</script>报告</body></html>`)
	for _, tc := range []struct {
		format, name        string
		data                []byte
		contentType, dispos string
		csp                 bool
	}{
		{"html", "a.html", evil, "text/html; charset=utf-8", "inline", true},
		{"text", "a.txt", []byte{0xb1, 0xa8, 0xb8, 0xe6}, "text/plain; charset=gb18030", "inline", true}, // 报告 in GB18030
		{"pdf", "a.pdf", []byte("%PDF-1.4\n"), "application/pdf", "inline", false},
		{"docx", "a.docx", []byte("PK\x03\x04"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "attachment", false},
	} {
		fs, id := sourceFake(t, tc.format, tc.name, tc.data)
		s, _ := newTestServer(t, fs)
		res, body := get(t, s, "/source/"+strconv.Itoa(int(id)))
		if res.StatusCode != 200 || body != string(tc.data) || res.Header.Get("Content-Type") != tc.contentType ||
			!strings.HasPrefix(res.Header.Get("Content-Disposition"), tc.dispos) || res.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: %d %q %q", tc.format, res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
		}
		csp := res.Header.Get("Content-Security-Policy")
		if tc.csp != (strings.HasPrefix(csp, "sandbox;") && strings.Contains(csp, "default-src 'none'")) {
			t.Errorf("%s: Content-Security-Policy %q", tc.format, csp)
		}
		// Changed since ingest: refused, said in Chinese.
		if err := os.WriteFile(fs.sources[id].SourceFile, append(tc.data, 'x'), 0o644); err != nil {
			t.Fatal(err)
		}
		res, body = get(t, s, "/source/"+strconv.Itoa(int(id)))
		if res.StatusCode != http.StatusGone || !strings.Contains(body, "SHA-256 不符") || strings.Contains(body, fs.sources[id].SourceFile) {
			t.Errorf("%s changed: %d %.200q", tc.format, res.StatusCode, body)
		}
	}
}
