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
// quality.go), search.go the search and the township index, console.go the
// place of the SQL console; api.go and export.go serve the datasets;
// errors.go turns handler errors into responses. The data comes through the
// Source interface (source.go); package analyticsource implements it over
// package analytics.
package dashboard
