package main

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"xxgk/dashboard"
	"xxgk/dashboard/auth"
)

// TestBrowserReview signs in as a supervisor in Chromium, dismisses a flag
// of the review queue with a comment through the page's buttons (its
// script posts JSON with the session's CSRF token), and sees the decision
// on the reloaded page, under the Content-Security-Policy. Screenshots of
// the queue at 1366×900 and 390×844.
func TestBrowserReview(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	demoDashboard(t)
	b := newBrowser(t)
	raw, err := os.ReadFile(demoDB.path)
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "review.duckdb")
	if err := os.WriteFile(db, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	hash, err := auth.HashPassword("supervisor-password")
	if err != nil {
		t.Fatal(err)
	}
	served, err := openDashboardWith(context.Background(), db, dashboard.Options{
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Security: dashboard.Security{Users: auth.NewUsers([]auth.Account{{Name: "李督查", Role: auth.Supervisor, Hash: hash}}),
			Hosts: dashboard.LoopbackHosts},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer served.Close()
	srv := httptest.NewServer(served.Handler)
	defer srv.Close()
	if _, err := chromedp.Call(b.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspWatch}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(b.ctx, chromedp.Navigate(srv.URL+"/review?year=2023")); err != nil {
		t.Fatal(err)
	}
	b.waitFor(t, `document.readyState === "complete" && document.getElementById("login-name") !== null`)
	if err := chromedp.Do(b.ctx,
		chromedp.SendKeys("#login-name", "李督查"),
		chromedp.SendKeys("#login-password", "supervisor-password"),
		chromedp.Click(`button[type=submit].primary`),
	); err != nil {
		t.Fatal(err)
	}
	b.waitFor(t, `location.pathname === "/review" && document.querySelector("div.decide") !== null`)
	var flag string
	if err := b.eval(`document.querySelector("div.decide").dataset.flag`, &flag); err != nil || flag == "" {
		t.Fatalf("no flag to decide (%v)", err)
	}
	b.screenshotsAtWidths(t, "review")
	if err := chromedp.Do(b.ctx, chromedp.EmulateViewport(1366, 900),
		chromedp.SendKeys(`div.decide[data-flag="`+flag+`"] input`, "原文核实无误"),
		chromedp.Click(`div.decide[data-flag="`+flag+`"] button[value=dismissed]`),
	); err != nil {
		t.Fatal(err)
	}
	// The page reloads and shows the decision, now last (open flags first).
	b.waitFor(t, `document.readyState === "complete" && (row => row !== null &&
		row.querySelector(".state").innerText.startsWith("已排除") && row.querySelector(".state").innerText.includes("原文核实无误") &&
		row.querySelector(".state").innerText.includes("李督查"))(document.getElementById("flag-`+flag+`"))`)
	var seen []string
	if err := b.eval(`window.__csp`, &seen); err != nil || len(seen) > 0 {
		t.Errorf("policy violations %q (%v)", seen, err)
	}
	if errs := b.takeErrors(); len(errs) > 0 {
		t.Errorf("errors %q", errs)
	}
}
