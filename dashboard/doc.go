// Package dashboard serves the web pages county leadership, supervisors and
// analysts open in a browser: Gin handlers over a Source (package analytics
// in production, a fake in tests), html/template pages in Chinese, charts
// built with go-echarts and drawn by a pinned, embedded ECharts, and every
// chart's and table's data as CSV, XLSX and JSON.
//
// Nothing is loaded from outside the binary: templates, styles, scripts and
// ECharts itself are embedded (see assets/vendor/README.md), so the pages
// work on an intranet cut off from the internet.
//
// Layout: pages.go lists the pages and their datasets; each area has one
// file with its loader, its tables and its chart builders (overview.go,
// rankings.go, township.go, problems.go, requests.go, appeals.go,
// quality.go), search.go the search and the township index; api.go and
// export.go serve the datasets; errors.go turns handler errors into
// responses. The data comes through the Source interface (source.go);
// package analyticsource implements it over package analytics.
//
// The analysts' SQL console (/sql, POST /api/sql, POST /export/sql.csv|xlsx)
// is in the console*.go files: console.go its options, routes and page,
// console_api.go the JSON API and downloads with the bound on concurrent
// queries, console_view.go the schema browser (DuckDB's catalog joined
// with sql/README.md) and results, console_errors.go how a failed query
// is shown, console_assets.go the vendored CodeMirror editor. The queries
// run through the Console interface (console_source.go), which
// analytics.Console implements over analytics.StreamSQL; console_stream.go
// sends results as their rows are read (JSON, CSV, XLSX).
package dashboard
