package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Browser tests: the dashboard over the demo database in Debian's headless
// Chromium (apt-get install -y chromium fonts-noto-cjk), at 1366×768.
// Screenshots go to $XXGK_ARTIFACTS, or to xxgk-screenshots in the
// system's temporary directory.

// chromium finds the browser, or "" when there is none.
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser starts headless Chromium for a test, with a fresh profile, and
// collects what the pages log as errors.
type browser struct {
	ctx    context.Context
	mu     sync.Mutex
	errors []string
	logged chan struct{} // signalled after each recorded error
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	path := chromium()
	if path == "" {
		t.Skip("Chromium not found: browser tests skipped (install it with: apt-get install -y chromium fonts-noto-cjk)")
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1366, 768),
	)
	b := &browser{logged: make(chan struct{}, 1)}
	ctx, cancel := chromedp.NewContext(alloc, chromedp.WithListener(b.listen))
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 768)); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	b.ctx = ctx
	return b
}

// listen records console errors, uncaught exceptions and browser log errors
// (a failed resource load among them).
func (b *browser) listen(ev any) {
	var msg string
	switch e := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError {
			var parts []string
			for _, a := range e.Args {
				parts = append(parts, string(a.Value)+a.Description)
			}
			msg = "console.error: " + strings.Join(parts, " ")
		}
	case *runtime.EventExceptionThrown:
		msg = "exception: " + e.ExceptionDetails.Text
		if e.ExceptionDetails.Exception != nil {
			msg += " " + e.ExceptionDetails.Exception.Description
		}
	case *log.EventEntryAdded:
		if e.Entry.Level == log.EntryLevelError {
			msg = "log: " + e.Entry.Text + " " + e.Entry.URL
		}
	}
	if msg != "" {
		b.mu.Lock()
		b.errors = append(b.errors, msg)
		b.mu.Unlock()
		select {
		case b.logged <- struct{}{}:
		default: // one pending signal covers every error logged before it is taken
		}
	}
}

// takeErrors returns and clears the errors logged so far.
func (b *browser) takeErrors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := b.errors
	b.errors = nil
	return out
}

// eval evaluates a JavaScript expression into out.
func (b *browser) eval(expr string, out any) error {
	raw, err := chromedp.Run(b.ctx, chromedp.Evaluate[json.RawMessage](expr))
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, out)
}

// waitFor waits until a JavaScript condition holds, evaluated by the page
// itself on every animation frame (chromedp.Poll); it survives the page
// navigating in between by polling again in the new document.
func (b *browser) waitFor(t *testing.T, cond string) {
	t.Helper()
	guard := untilTestDeadline(t)
	var last error
	for attempt := 0; attempt < 100; attempt++ {
		ctx, cancel := context.WithCancel(b.ctx)
		stop := context.AfterFunc(guard, cancel)
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(0)))
		stop()
		cancel()
		if err == nil {
			return
		}
		if guard.Err() != nil {
			t.Fatalf("%s never held before the test binary's deadline (last error: %v)", cond, err)
		}
		last = err // the document went away mid-poll: poll the next one
	}
	t.Fatalf("waiting for %s failed 100 times in a row: %v", cond, last)
}

// screenshotsAtWidths takes the page at a desktop's and a phone's width,
// failing where it is wider than the screen, and leaves the desktop's size.
func (b *browser) screenshotsAtWidths(t *testing.T, name string) {
	t.Helper()
	for _, size := range []struct {
		suffix string
		w, h   int64
	}{{"-1366", 1366, 900}, {"-390", 390, 844}} {
		if err := chromedp.Do(b.ctx, chromedp.EmulateViewport(size.w, size.h)); err != nil {
			t.Fatal(err)
		}
		var width int
		if err := b.eval(`document.documentElement.scrollWidth`, &width); err != nil || width > int(size.w) {
			t.Errorf("%s%s: the page is %d px wide", name, size.suffix, width)
		}
		b.screenshot(t, name+size.suffix)
	}
	if err := chromedp.Do(b.ctx, chromedp.EmulateViewport(1366, 900)); err != nil {
		t.Fatal(err)
	}
}

// chartsReady holds when every chart of the page has a canvas and an
// ECharts instance with at least one series.
const chartsReady = `document.readyState === "complete" &&
	(document.querySelectorAll(".chart").length === 0 || window.echarts !== undefined) &&
	Array.from(document.querySelectorAll(".chart")).every(el =>
		el.querySelector("canvas") !== null && echarts.getInstanceByDom(el) !== undefined &&
		echarts.getInstanceByDom(el).getOption().series.length > 0)`

func artifactDir(t *testing.T) string {
	dir := os.Getenv("XXGK_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "xxgk-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func (b *browser) screenshot(t *testing.T, name string) {
	t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	path := filepath.Join(artifactDir(t), name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s", path)
}

// TestBrowserPages opens every page: it loads without a JavaScript error,
// its charts are drawn, nothing overflows the width of a 1366×768 screen.
func TestBrowserPages(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	b := newBrowser(t)
	srv := httptest.NewServer(demoDashboard(t))
	defer srv.Close()
	b.checkErrorCapture(t, srv.URL)
	// 槐陵镇 has reports with requests and with appeals: all four charts.
	town := "county=" + url.QueryEscape("茶庄县") + "&town=" + url.QueryEscape("槐陵镇")
	for _, p := range []struct {
		name, path string
		charts     int
		text       string
	}{
		{"overview", "/", 2, "主动公开信息"},
		{"rankings", "/rankings", 1, "县区内排名"},
		{"township-index", "/township", 0, "丰塔乡"},
		{"township", "/township?" + town, 4, "历年申请办理结果"},
		{"problems", "/problems?year=2022", 2, "零活动乡镇"},
		{"requests", "/requests", 2, "予以公开"},
		{"appeals", "/appeals?year=2020", 2, "复议维持"},
		{"quality", "/quality?year=2022", 1, "规则"},
		{"sql", "/sql", 0, "SQL 控制台"},
		{"search", "/search?q=" + url.QueryEscape("乡"), 0, "名称包含"},
	} {
		t.Run(p.name, func(t *testing.T) {
			if err := chromedp.Do(b.ctx, chromedp.Navigate(srv.URL+p.path)); err != nil {
				t.Fatal(err)
			}
			b.waitFor(t, chartsReady)
			var n int
			if err := b.eval(`document.querySelectorAll(".chart").length`, &n); err != nil || n != p.charts {
				t.Errorf("%d charts (err %v), want %d", n, err, p.charts)
			}
			var text string
			if err := b.eval(`document.body.innerText`, &text); err != nil || !strings.Contains(text, p.text) {
				t.Errorf("page text lacks %q (err %v)", p.text, err)
			}
			var width int
			if err := b.eval(`document.documentElement.scrollWidth`, &width); err != nil || width > 1366 {
				t.Errorf("page is %d px wide (err %v): wider than a 1366 px screen", width, err)
			}
			b.screenshot(t, p.name)
			if errs := b.takeErrors(); len(errs) > 0 {
				t.Errorf("JavaScript errors: %q", errs)
			}
		})
	}
}

// checkErrorCapture makes sure the listener sees what it must report: a
// console.error, an uncaught exception and a failed load (404), so that "no
// JavaScript error" below means something.
func (b *browser) checkErrorCapture(t *testing.T, base string) {
	t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.Navigate(base+"/sql")); err != nil {
		t.Fatal(err)
	}
	var ok bool
	if err := b.eval(`(() => { console.error("self-test"); setTimeout(() => { throw new Error("self-test") });
		const s = document.createElement("script"); s.src = "/no-such-script.js"; document.head.append(s); return true })()`, &ok); err != nil {
		t.Fatal(err)
	}
	guard := untilTestDeadline(t)
	wanted := []string{"console.error", "exception", "404"}
	var seen []string
	for !containsAll(strings.Join(seen, "\n"), wanted) {
		select {
		case <-b.logged:
			seen = append(seen, b.takeErrors()...)
		case <-guard.Done():
			t.Fatalf("the error listener saw only %q before the test binary's deadline; want each of %q", seen, wanted)
		}
	}
	// The self-test page may log more (the refused script's MIME type):
	// leave it, so that nothing of it is blamed on the next page.
	if err := chromedp.Do(b.ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	b.takeErrors()
}

func containsAll(s string, parts []string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

// chartOption returns the options of a page's first chart, as JSON.
func (b *browser) chartOption(t *testing.T) string {
	t.Helper()
	var opt string
	if err := b.eval(`JSON.stringify({series: echarts.getInstanceByDom(document.querySelector(".chart")).getOption().series.map(s => [s.name, s.data]),
		y: echarts.getInstanceByDom(document.querySelector(".chart")).getOption().yAxis.map(a => a.data)})`, &opt); err != nil {
		t.Fatal(err)
	}
	return opt
}

// TestBrowserFilterChangesChart changes a filter as a user does (the select
// submits the form) and checks the URL and the chart follow.
func TestBrowserFilterChangesChart(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	b := newBrowser(t)
	srv := httptest.NewServer(demoDashboard(t))
	defer srv.Close()
	for _, tc := range []struct {
		name, path, selectName, value, wantQuery string
	}{
		{"metric", "/rankings", "metric", "grant_rate", "metric=grant_rate"},
		{"county", "/", "county", "武峰区", "county=" + url.QueryEscape("武峰区")},
		{"year", "/requests", "year", "2020", "year=2020"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := chromedp.Do(b.ctx, chromedp.Navigate(srv.URL+tc.path)); err != nil {
				t.Fatal(err)
			}
			b.waitFor(t, chartsReady)
			before := b.chartOption(t)
			change := fmt.Sprintf(`(() => { const s = document.querySelector(%q);
				s.value = %q; s.dispatchEvent(new Event("change")); return true })()`,
				"form.filters select[name="+tc.selectName+"]", tc.value)
			var ok bool
			if err := b.eval(change, &ok); err != nil {
				t.Fatal(err)
			}
			b.waitFor(t, fmt.Sprintf(`location.search.includes(%q) && (%s)`, tc.wantQuery, chartsReady))
			after := b.chartOption(t)
			if after == before {
				t.Errorf("the chart did not change after %s=%s", tc.selectName, tc.value)
			}
			b.screenshot(t, "filter-"+tc.name)
			if errs := b.takeErrors(); len(errs) > 0 {
				t.Errorf("JavaScript errors: %q", errs)
			}
		})
	}
}
