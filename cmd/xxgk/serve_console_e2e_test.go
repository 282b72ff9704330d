package main

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// consoleChart is the console chart's type and data, as JSON, once drawn.
const consoleChart = `(() => { const c = echarts.getInstanceByDom(document.getElementById("sql-chart"));
	if (!c || document.getElementById("sql-chart").querySelector("canvas") === null) { return ""; }
	const s = c.getOption().series; return s.length ? JSON.stringify({type: s[0].type, data: s[0].data, labels: c.getOption().xAxis[0].data}) : "" })()`

// resultRows is the number of rows of the console's result table, -1 while
// there is none.
const resultRows = `document.getElementById("sql-result").hidden || !document.querySelector("#sql-table tbody") ? -1 :
	document.querySelectorAll("#sql-table tbody tr").length`

// TestBrowserConsole types a query into the console's editor as a user
// does, runs it, sees the result table, draws a bar chart and a line chart
// of it, runs an example query, and sees a failing query's message with
// its place marked in the editor, without a script error.
func TestBrowserConsole(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	b := newBrowser(t)
	srv := httptest.NewServer(demoDashboard(t))
	defer srv.Close()
	if err := chromedp.Do(b.ctx, chromedp.Navigate(srv.URL+"/sql")); err != nil {
		t.Fatal(err)
	}
	b.waitFor(t, `document.readyState === "complete" && document.querySelector(".CodeMirror") !== null`)

	const query = "SELECT county, count(*) AS reports FROM reports WHERE county IS NOT NULL GROUP BY county ORDER BY county"
	if err := chromedp.Do(b.ctx,
		chromedp.Click(chromedp.CSS(".CodeMirror-lines")),
		chromedp.KeyEvent(query),
		chromedp.Click(chromedp.ID("sql-run")),
	); err != nil {
		t.Fatal(err)
	}
	b.waitFor(t, resultRows+" === 3")
	var typed, page string
	if err := b.eval(`document.querySelector(".CodeMirror").CodeMirror.getValue()`, &typed); err != nil || typed != query {
		t.Errorf("the editor holds %q (%v), want the typed query", typed, err)
	}
	if err := b.eval(`document.getElementById("sql-result").innerText`, &page); err != nil ||
		!strings.Contains(page, "平沙县") || !strings.Contains(page, "共 3 行") || !strings.Contains(page, "reports") {
		t.Errorf("the result reads %q (%v)", page, err)
	}

	// One click draws a bar chart of the first text and numeric columns.
	if err := chromedp.Do(b.ctx, chromedp.Click(chromedp.ID("sql-chart-draw"))); err != nil {
		t.Fatal(err)
	}
	b.waitFor(t, consoleChart+` !== ""`)
	var chart string
	if err := b.eval(consoleChart, &chart); err != nil || !strings.Contains(chart, `"type":"bar"`) ||
		!strings.Contains(chart, `"labels":["平沙县","武峰区","茶庄县"]`) {
		t.Errorf("the bar chart: %s (%v)", chart, err)
	}
	b.screenshot(t, "sql-console")

	// An example query, drawn as a line.
	if err := chromedp.Do(b.ctx,
		chromedp.Click(chromedp.CSS(`a.example[data-example="yearly_totals"]`)),
	); err != nil {
		t.Fatal(err)
	}
	b.waitFor(t, resultRows+` === 7 && document.getElementById("sql-summary").textContent.startsWith("共 7 行")`)
	if err := chromedp.Do(b.ctx,
		chromedp.SetValue(chromedp.ID("sql-chart-type"), "line"),
		chromedp.Click(chromedp.ID("sql-chart-draw")),
	); err != nil {
		t.Fatal(err)
	}
	b.waitFor(t, consoleChart+`.includes('"type":"line"')`)
	if err := b.eval(consoleChart, &chart); err != nil || !strings.Contains(chart, `"labels":["2019","2020","2021","2022","2023","2024","2025"]`) {
		t.Errorf("the line chart: %s (%v)", chart, err)
	}
	// Several measures, each a series; the year is the label, never a value.
	var names []string
	if err := b.eval(`echarts.getInstanceByDom(document.getElementById("sql-chart")).getOption().series.map(s => s.name)`, &names); err != nil ||
		len(names) < 2 || slices.Contains(names, "年份") {
		t.Errorf("the example's series: %q (%v); want several measures and not the year", names, err)
	}
	b.screenshot(t, "sql-console-example")
	if errs := b.takeErrors(); len(errs) > 0 {
		t.Errorf("JavaScript errors: %q", errs)
	}

	// A failing query: DuckDB's message, its place marked in the editor.
	if err := chromedp.Do(b.ctx,
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage](`document.querySelector(".CodeMirror").CodeMirror.setValue("")`))
			return err
		}),
		chromedp.Click(chromedp.CSS(".CodeMirror-lines")),
		chromedp.KeyEvent("SELECT township, nosuch FROM reports"),
		chromedp.KeyEvent(kb.Enter, chromedp.KeyModifiers(chromedp.ModifierCtrl)),
	); err != nil {
		t.Fatal(err)
	}
	b.waitFor(t, `!document.getElementById("sql-error").hidden`)
	var failure string
	if err := b.eval(`document.getElementById("sql-error").innerText + "|" + document.querySelectorAll(".CodeMirror .cm-error-mark").length`, &failure); err != nil ||
		!strings.Contains(failure, "查询出错（第 1 行第 18 列）") || !strings.Contains(failure, `Referenced column "nosuch" not found`) ||
		!strings.HasSuffix(failure, "|1") {
		t.Errorf("the error reads %q (%v)", failure, err)
	}
	b.screenshot(t, "sql-console-error")
	// The browser logs the answer's status 400 as a failed load: that one
	// is expected, nothing else.
	for _, e := range b.takeErrors() {
		if !strings.Contains(e, "status of 400") || !strings.Contains(e, "/api/sql") {
			t.Errorf("JavaScript error: %q", e)
		}
	}
}
