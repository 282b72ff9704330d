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
	"time"

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

// TestReportPageVersions: the versions a report replaced are listed in
// Chinese, each with its file, short SHA-256 (the whole in the tooltip),
// when and by whom it was loaded and replaced, by which file, and whether
// the replacement was forced; a report without versions has no such list.
func TestReportPageVersions(t *testing.T) {
	fs, id := sourceFake(t, "text", "丰塔乡-2025.txt", []byte("报告"))
	s, _ := newTestServer(t, fs)
	if _, body := get(t, s, "/report?id="+strconv.Itoa(int(id))); strings.Contains(body, "历史版本") {
		t.Errorf("a report without versions lists 历史版本")
	}
	fs, id = sourceFake(t, "text", "丰塔乡-2025.txt", []byte("报告"))
	at := func(h, m int) time.Time { return time.Date(2026, 3, 20, h, m, 5, 0, time.UTC) }
	fs.sources[id].Versions = []analytics.ReportVersion{
		{SourceFile: "县/丰塔乡-2025-修订.txt", SHA256: strings.Repeat("ab", 32), LoadedAt: at(9, 0), LoadedBy: "王科员",
			ReplacedAt: at(10, 30), ReplacedBy: "李科长", ReplacedByFile: "县/丰塔乡-2025.txt"},
		{SourceFile: "首次/丰塔乡.txt", SHA256: strings.Repeat("0f", 32), LoadedAt: at(8, 0),
			ReplacedAt: at(9, 0), ReplacedBy: "王科员", ReplacedByFile: "县/丰塔乡-2025-修订.txt", Forced: true},
	}
	s, _ = newTestServer(t, fs)
	res, body := get(t, s, "/report?id="+strconv.Itoa(int(id)))
	if res.StatusCode != 200 {
		t.Fatalf("status %d: %.300s", res.StatusCode, body)
	}
	i := strings.Index(body, `<h2 id="versions-title">历史版本</h2>`)
	if i < 0 {
		t.Fatalf("no 历史版本 section: %.2000s", body)
	}
	section := body[i : strings.Index(body[i:], "</section>")+i]
	rows := []string{
		`<tr><td title="县/丰塔乡-2025-修订.txt" data-sort="丰塔乡-2025-修订.txt">丰塔乡-2025-修订.txt</td>` +
			`<td title="` + strings.Repeat("ab", 32) + `" data-sort="abababababab…">abababababab…</td>` +
			`<td data-sort="2026-03-20 09:00:05">2026-03-20 09:00:05</td><td data-sort="王科员">王科员</td>` +
			`<td data-sort="2026-03-20 10:30:05">2026-03-20 10:30:05</td><td data-sort="李科长">李科长</td>` +
			`<td title="县/丰塔乡-2025.txt" data-sort="丰塔乡-2025.txt">丰塔乡-2025.txt</td><td data-sort=""></td></tr>`,
		`<tr><td title="首次/丰塔乡.txt" data-sort="丰塔乡.txt">丰塔乡.txt</td>` +
			`<td title="` + strings.Repeat("0f", 32) + `" data-sort="0f0f0f0f0f0f…">0f0f0f0f0f0f…</td>` +
			`<td data-sort="2026-03-20 08:00:05">2026-03-20 08:00:05</td><td data-sort="—">—</td>` +
			`<td data-sort="2026-03-20 09:00:05">2026-03-20 09:00:05</td><td data-sort="王科员">王科员</td>` +
			`<td title="县/丰塔乡-2025-修订.txt" data-sort="丰塔乡-2025-修订.txt">丰塔乡-2025-修订.txt</td>` +
			`<td class="warn" data-sort="强制替换（新文件缺少旧版本完整的部分）">强制替换（新文件缺少旧版本完整的部分）</td></tr>`,
	}
	head := `<thead><tr>`
	for _, h := range []string{"原文件", "SHA-256", "载入时间", "载入人", "替换时间", "替换人", "替换为", "说明"} {
		head += `<th scope="col"><button type="button" class="sort">` + h + `</button></th>`
	}
	want := head + "</tr></thead>\n  <tbody>\n    " + rows[0] + "\n    " + rows[1] + "\n  </tbody>"
	if !strings.Contains(section, want) {
		t.Errorf("历史版本:\n%s\nwant the header and rows, in this order:\n%s", section, want)
	}
}
