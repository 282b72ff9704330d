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
	// The rows laid out of each table, in page order.
	const tables = Array.from(document.querySelectorAll("table.data")).map(t =>
		Array.from(t.querySelectorAll("tbody tr")).filter(r => r.getClientRects().length > 0).length);
	return {rows: rows.length, hidden, scrolling, short, tables, pagers: document.querySelectorAll("form.table-pager").length,
		nav: shown("nav.nav") || shown("form.filters") || shown(".downloads"),
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
	for _, p := range []printCase{
		{path: "/rankings?metric=activity_index", line: "指标：综合活跃指数", minRows: 59},
		{path: "/problems?year=2022", line: "年份：2022年", minRows: 4},
		{path: "/requests", line: "范围：全部地区", minRows: 59},
		// A table sorted on the server is paged; its print view (the
		// pager's 打印全部行 link, print=1) lays out every row.
		{path: "/requests?print=1&requests-s=-requests_new", line: "范围：全部地区", minRows: 59},
		{path: "/township?county=" + url.QueryEscape("茶庄县") + "&town=" + url.QueryEscape("槐陵镇"), line: "乡镇：槐陵镇", minRows: 7},
	} {
		t.Run(p.path, func(t *testing.T) { checkPrint(t, b, srv.URL, p) })
	}
	// A province: 2,000 townships, so the requests table is paged (100
	// rows a page on screen); its print view lays out every one of the
	// year's reports, in the order asked for.
	prov := httptest.NewServer(provinceDashboard(t))
	defer prov.Close()
	reports := countReports(t, 2025)
	t.Run("province /requests?print=1", func(t *testing.T) {
		checkPrint(t, b, prov.URL, printCase{path: "/requests?year=2025&print=1&requests-s=-requests_new",
			line: "年份：2025年", minRows: 2 * reports, firstTable: reports, paged: true})
	})
	// Control: without print=1 the same page prints one page of rows, and
	// the check says so.
	if got := printed(t, b, prov.URL+"/requests?year=2025"); len(got.Short) == 0 || len(got.Tables) == 0 || got.Tables[0] >= reports {
		t.Errorf("the paged screen view printed %+v; want the check to see a short table", got)
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

// printCase is a page to print: the heading line it must print, the
// fewest table rows it must lay out, and for a paged table the rows of the
// first table exactly.
type printCase struct {
	path, line string
	minRows    int
	firstTable int  // 0: not checked
	paged      bool // the page has a pager (a table of more than 100 rows)
}

// checkPrint opens a page, switches to print media as the browser does
// before printing, and checks what would be printed.
func checkPrint(t *testing.T, b *browser, base string, p printCase) {
	got := printed(t, b, base+p.path)
	if len(got.Short) > 0 {
		t.Errorf("paged tables print only part of their rows: %q", got.Short)
	}
	if got.Rows < p.minRows || got.Hidden != 0 {
		t.Errorf("%d table rows, %d of them not printed; want at least %d, all printed", got.Rows, got.Hidden, p.minRows)
	}
	if p.firstTable > 0 && (len(got.Tables) == 0 || got.Tables[0] != p.firstTable) {
		t.Errorf("tables print %v rows; want %d in the first", got.Tables, p.firstTable)
	}
	if p.paged && got.Pagers == 0 {
		t.Error("no pager: the table is not paged, so the print view is not what is checked")
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
}

// printView is what printCheck reports of a page.
type printView struct {
	Rows, Hidden int
	Scrolling    []string
	Short        []string
	Tables       []int
	Pagers       int
	Nav          bool
	Line         string
}

// printed opens a page, switches to print media as the browser does
// before printing, and returns what would be printed.
func printed(t *testing.T, b *browser, url string) printView {
	t.Helper()
	b.media(t, "screen")
	if err := chromedp.Do(b.ctx, chromedp.Navigate(url)); err != nil {
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
	var got printView
	if err := b.eval(printCheck, &got); err != nil {
		t.Fatal(err)
	}
	return got
}
