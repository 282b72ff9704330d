package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserUpload uploads a county's reports, its regions.csv and a news
// page through the upload page, as a clerk would: the page lists what
// became of each file, and the dashboard shows the new reports.
func TestBrowserUpload(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	b := newBrowser(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "up.duckdb")
	if code, _, errs := runXXGK(t, "ingest", "--db", db, filepath.Join(demoReports, "平沙县")); code != 1 && code != 0 {
		t.Fatalf("ingest: %d %s", code, errs)
	}
	base, _, _, _ := startCommand(t, "serve", "--db", db, "--addr", "127.0.0.1:0")
	files, _ := filepath.Glob(filepath.Join(demoReports, "武峰区", "*"))
	news := filepath.Join(dir, "新闻.txt")
	os.WriteFile(news, []byte("丹朱镇人民政府2020年政府信息公开工作年度报告\n\n2020年，我镇主动公开政府信息88条。\n"), 0o644)
	files = append(files, news)
	regionsCSV, _ := filepath.Abs("../../fixtures/demo/regions.csv")
	for i, f := range files {
		files[i], _ = filepath.Abs(f)
	}

	if err := chromedp.Do(b.ctx, chromedp.Navigate(base+"upload")); err != nil {
		t.Fatal(err)
	}
	b.waitFor(t, `document.readyState === "complete"`)
	if err := chromedp.Do(b.ctx, chromedp.SetUploadFiles(chromedp.CSS("#pick-files"), files)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(b.ctx, chromedp.SetUploadFiles(chromedp.CSS("#pick-regions"), []string{regionsCSV})); err != nil {
		t.Fatal(err)
	}
	b.waitFor(t, `!document.getElementById("upload-go").disabled`)
	var chosen string
	b.eval(`document.getElementById("chosen").textContent`, &chosen)
	if !strings.HasPrefix(chosen, fmt.Sprintf("已选择 %d 个文件", len(files))) {
		t.Errorf("chosen: %q", chosen)
	}
	var ok bool
	b.eval(`document.getElementById("upload-go").click(), true`, &ok)
	b.waitFor(t, `!document.getElementById("upload-result").hidden`)
	var summary, refused string
	b.eval(`document.getElementById("upload-summary").textContent`, &summary)
	b.eval(`Array.from(document.querySelectorAll("#upload-files tr")).filter(r => r.textContent.includes("新闻.txt")).map(r => r.textContent).join("")`, &refused)
	want := fmt.Sprintf("已载入 %d 份，已替换 0 份，未变化 0 份，拒绝 1 份，失败 0 份", len(files)-1)
	if !strings.HasPrefix(summary, want) {
		t.Errorf("summary %q, want it to start %q", summary, want)
	}
	if !strings.Contains(refused, "拒绝") || !strings.Contains(refused, "不是年度报告") {
		t.Errorf("the news page's row: %q", refused)
	}
	b.screenshot(t, "upload-1366")
	if err := chromedp.Do(b.ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	b.screenshot(t, "upload-390")
	if errs := b.takeErrors(); len(errs) > 0 {
		t.Errorf("browser errors: %v", errs)
	}
	showsNow(t, base, placedReports, 140+len(files)-1)
}
