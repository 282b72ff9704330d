package main

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// printCheck, evaluated in a page under print media, says what a printed
// page would lose: rows of a table that take no space (in a folded or
// clipped box), boxes that scroll, navigation or filters still shown, and
// the heading line with the selection and the data's date.
const printCheck = `(() => {
	const rows = Array.from(document.querySelectorAll("table.data tbody tr"));
	const hidden = rows.filter(r => r.getClientRects().length === 0).length;
	const scrolling = Array.from(document.querySelectorAll("main *")).filter(el => {
		const s = getComputedStyle(el);
		return (s.overflowY === "auto" || s.overflowY === "scroll" || s.overflowY === "hidden") &&
			el.scrollHeight > el.clientHeight + 1 && el.clientHeight > 2 && !el.closest(".chart");
	}).map(el => el.className || el.tagName);
	const shown = sel => Array.from(document.querySelectorAll(sel)).some(el => el.getClientRects().length > 0);
	const line = document.querySelector(".print-line");
	// A paged table: the rows laid out against the pager's "共 N 行".
	const short = Array.from(document.querySelectorAll("form.table-pager")).map(f => {
		const m = f.innerText.match(/共 (\d+) 行/);
		const t = f.nextElementSibling && f.nextElementSibling.querySelector("table.data");
		const n = t ? Array.from(t.querySelectorAll("tbody tr")).filter(r => r.getClientRects().length > 0).length : -1;
		return m && n !== Number(m[1]) ? n + " of " + m[1] : "";
	}).filter(x => x);
	return {rows: rows.length, hidden, scrolling, short, nav: shown("nav.nav") || shown("form.filters") || shown(".downloads"),
		line: line && line.getClientRects().length > 0 ? line.innerText : ""};
})()`

// TestBrowserPrint: under print media (what print-to-PDF uses) every row
// of every table is laid out, nothing scrolls, navigation and filters are
// gone and the heading says the selection and the data's date. The row
// counts are the tables' as served, so a page that prints fewer fails.
func TestBrowserPrint(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	b := newBrowser(t)
	srv := httptest.NewServer(demoDashboard(t))
	defer srv.Close()
	for _, p := range []struct {
		path, line string
		minRows    int
	}{
		{"/rankings?metric=activity_index", "指标：综合活跃指数", 59},
		{"/problems?year=2022", "年份：2022年", 4},
		{"/requests", "范围：全部地区", 59},
		// A table sorted on the server is paged; its print view (the
		// pager's 打印全部行 link, print=1) lays out every row.
		{"/requests?print=1&requests-s=-requests_new", "范围：全部地区", 59},
		{"/township?county=" + url.QueryEscape("茶庄县") + "&town=" + url.QueryEscape("槐陵镇"), "乡镇：槐陵镇", 7},
	} {
		t.Run(p.path, func(t *testing.T) {
			b.media(t, "screen")
			if err := chromedp.Do(b.ctx, chromedp.Navigate(srv.URL+p.path)); err != nil {
				t.Fatal(err)
			}
			b.waitFor(t, chartsReady)
			// What the browser does before printing: app.js unfolds the
			// folded tables on beforeprint.
			b.media(t, "print")
			var done bool
			if err := b.eval(`window.dispatchEvent(new Event("beforeprint"))`, &done); err != nil {
				t.Fatal(err)
			}
			var got struct {
				Rows, Hidden int
				Scrolling    []string
				Short        []string
				Nav          bool
				Line         string
			}
			if err := b.eval(printCheck, &got); err != nil {
				t.Fatal(err)
			}
			if len(got.Short) > 0 {
				t.Errorf("paged tables print only part of their rows: %q", got.Short)
			}
			if got.Rows < p.minRows || got.Hidden != 0 {
				t.Errorf("%d table rows, %d of them not printed; want at least %d, all printed", got.Rows, got.Hidden, p.minRows)
			}
			if len(got.Scrolling) > 0 {
				t.Errorf("boxes that scroll in print: %q", got.Scrolling)
			}
			if got.Nav {
				t.Error("navigation, filters or downloads are printed")
			}
			if !strings.Contains(got.Line, p.line) || !strings.Contains(got.Line, "数据更新于") {
				t.Errorf("printed heading %q, want %q and the data's date", got.Line, p.line)
			}
			if errs := b.takeErrors(); len(errs) > 0 {
				t.Errorf("JavaScript errors: %q", errs)
			}
		})
	}
	// Control: on screen the same check sees the scroll boxes, so the
	// assertions above can fail.
	b.media(t, "screen")
	if err := chromedp.Do(b.ctx, chromedp.Navigate(srv.URL+"/rankings?metric=activity_index")); err != nil {
		t.Fatal(err)
	}
	b.waitFor(t, chartsReady)
	var screen struct {
		Scrolling []string
		Nav       bool
	}
	if err := b.eval(printCheck, &screen); err != nil || len(screen.Scrolling) == 0 || !screen.Nav {
		t.Errorf("on screen the check saw %+v (err %v); want scroll boxes and navigation", screen, err)
	}
}

// media emulates a CSS media type ("print", "screen").
func (b *browser) media(t *testing.T, m string) {
	t.Helper()
	if _, err := chromedp.Call(b.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m}); err != nil {
		t.Fatal(err)
	}
}
