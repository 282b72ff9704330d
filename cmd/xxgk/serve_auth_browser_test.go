package main

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"xxgk/dashboard"
	"xxgk/dashboard/auth"
)

// cspWatch counts Content-Security-Policy violations on every page, from
// before the page's own scripts run.
const cspWatch = `window.__csp = []; document.addEventListener("securitypolicyviolation",
	e => window.__csp.push(e.violatedDirective + " " + e.blockedURI));`

// TestBrowserLoginAndCSP signs in through the login page in Chromium as a
// user does, under the server's Content-Security-Policy: the overview's
// charts draw, the SQL console runs a query (its script sends the CSRF
// token), sign-out returns to the login page, and no page breaks the
// policy. Screenshots of the login page at 1366×900 and 390×844.
func TestBrowserLoginAndCSP(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	demoDashboard(t)
	hash, err := auth.HashPassword("analyst-password")
	if err != nil {
		t.Fatal(err)
	}
	users := auth.NewUsers([]auth.Account{{Name: "张分析", Role: auth.Analyst, Hash: hash}})
	h, err := newDashboardWith(context.Background(), demoDB.db, dashboard.Options{
		Log:      slog.New(slog.NewTextHandler(io.Discard, nil)),
		Security: dashboard.Security{Users: users, Hosts: dashboard.LoopbackHosts},
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	b := newBrowser(t)
	if _, err := chromedp.Call(b.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspWatch}); err != nil {
		t.Fatal(err)
	}
	noViolations := func(where string) {
		t.Helper()
		var seen []string
		if err := b.eval(`window.__csp`, &seen); err != nil || len(seen) > 0 {
			t.Errorf("%s: policy violations %q (%v)", where, seen, err)
		}
		if errs := b.takeErrors(); len(errs) > 0 {
			t.Errorf("%s: errors %q", where, errs)
		}
	}

	// Nobody is sent to the login page.
	if err := chromedp.Do(b.ctx, chromedp.Navigate(srv.URL+"/rankings")); err != nil {
		t.Fatal(err)
	}
	b.waitFor(t, `document.readyState === "complete" && document.getElementById("login-name") !== null`)
	var loc string
	if err := b.eval(`location.pathname + location.search`, &loc); err != nil || loc != "/login?next=%2Frankings" {
		t.Errorf("at %q (%v), want the login page", loc, err)
	}
	b.screenshotsAtWidths(t, "login")
	noViolations("login page")

	// A wrong password says so; the right one leads to the page asked for.
	if err := chromedp.Do(b.ctx,
		chromedp.SendKeys("#login-name", "张分析"),
		chromedp.SendKeys("#login-password", "wrong-password"),
		chromedp.Click(`button[type=submit].primary`),
	); err != nil {
		t.Fatal(err)
	}
	b.waitFor(t, `document.querySelector(".login-error") !== null`)
	var msg string
	if err := b.eval(`document.querySelector(".login-error").innerText`, &msg); err != nil || msg != "用户名或密码不正确" {
		t.Errorf("wrong password: %q (%v)", msg, err)
	}
	// The browser logs the 401 of the refused sign-in; nothing else.
	if errs := b.takeErrors(); len(errs) != 1 || !strings.Contains(errs[0], "401 (Unauthorized) "+srv.URL+"/login") {
		t.Errorf("errors after a wrong password: %q", errs)
	}
	if err := chromedp.Do(b.ctx,
		chromedp.SendKeys("#login-password", "analyst-password"),
		chromedp.Click(`button[type=submit].primary`),
	); err != nil {
		t.Fatal(err)
	}
	b.waitFor(t, `location.pathname === "/rankings" && document.querySelector(".account") !== null`)
	b.waitFor(t, chartsReady)
	var who string
	if err := b.eval(`document.querySelector(".account .who").innerText`, &who); err != nil || who != "张分析（分析）" {
		t.Errorf("signed in as %q (%v)", who, err)
	}
	var cookies string
	if err := b.eval(`document.cookie`, &cookies); err != nil || strings.Contains(cookies, "xxgk_session") {
		t.Errorf("the session cookie is readable by scripts: %q", cookies)
	}
	b.screenshot(t, "signed-in-1366")
	if err := chromedp.Do(b.ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	var width int
	if err := b.eval(`document.querySelector("header.top").scrollWidth`, &width); err != nil || width > 390 {
		t.Errorf("the header is %d px wide on a phone", width)
	}
	b.screenshot(t, "signed-in-390")
	if err := chromedp.Do(b.ctx, chromedp.EmulateViewport(1366, 900)); err != nil {
		t.Fatal(err)
	}
	noViolations("rankings")
	// Every page with charts draws them within the policy.
	town := "county=" + url.QueryEscape("茶庄县") + "&town=" + url.QueryEscape("槐陵镇")
	for _, path := range []string{"/", "/township?" + town, "/problems?year=2022", "/requests", "/appeals?year=2020", "/quality?year=2022"} {
		if err := chromedp.Do(b.ctx, chromedp.Navigate(srv.URL+path)); err != nil {
			t.Fatal(err)
		}
		b.waitFor(t, chartsReady)
		var charts int
		if err := b.eval(`document.querySelectorAll(".chart canvas").length`, &charts); err != nil || charts == 0 {
			t.Errorf("%s: %d charts drawn (%v)", path, charts, err)
		}
		noViolations(path)
	}

	// The console's script posts with the session's token.
	if err := chromedp.Do(b.ctx, chromedp.Navigate(srv.URL+"/sql")); err != nil {
		t.Fatal(err)
	}
	b.waitFor(t, `document.readyState === "complete" && document.querySelector(".CodeMirror") !== null`)
	var ok bool
	if err := b.eval(`document.querySelector(".CodeMirror").CodeMirror.setValue("SELECT county, count(*) AS n FROM reports WHERE county IS NOT NULL GROUP BY county"), true`, &ok); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(b.ctx, chromedp.Click("#sql-run")); err != nil {
		t.Fatal(err)
	}
	b.waitFor(t, resultRows+" === 3")
	if err := chromedp.Do(b.ctx, chromedp.Click("#sql-chart-draw")); err != nil {
		t.Fatal(err)
	}
	b.waitFor(t, consoleChart+` !== ""`)
	noViolations("console")

	// Sign out.
	if err := chromedp.Do(b.ctx, chromedp.Click(`.account button`)); err != nil {
		t.Fatal(err)
	}
	b.waitFor(t, `location.pathname === "/login" && document.getElementById("login-name") !== null`)

	// The watch itself works: an injected inline script is blocked and seen.
	if err := b.eval(`(() => { const s = document.createElement("script"); s.textContent = "window.__ran = true";
		document.head.append(s); return window.__ran === undefined })()`, &ok); err != nil || !ok {
		t.Fatal(err)
	}
	b.waitFor(t, `window.__csp.length > 0`)
	var seen []string
	if err := b.eval(`window.__csp`, &seen); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 1 || seen[0] != "script-src-elem inline" {
		t.Errorf("the policy watch saw %q after an inline script, want one script-src-elem violation", seen)
	}
	b.takeErrors()
}
