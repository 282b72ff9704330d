package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"xxgk/analytics"
	"xxgk/ingest/store"
)

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("export", flag.ContinueOnError)
	fl.SetOutput(stderr)
	dbPath := fl.String("db", store.DefaultPath, "DuckDB database `file` to export (read-only)")
	format := fl.String("format", "parquet", "output format (parquet is the only one)")
	out := fl.String("out", "", "new `folder` to write into (required; it must not exist)")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: xxgk export --format parquet [--db FILE] --out DIR")
		fmt.Fprintln(stderr, "Writes every table and view as Parquet, partitioned by year (DIR/NAME/year=YYYY/*.parquet),")
		fmt.Fprintln(stderr, "for DuckDB, Polars, Spark, Trino or a warehouse to read.")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fl.NArg() > 0 {
		fl.Usage()
		return 2
	}
	if *format != "parquet" {
		fmt.Fprintf(stderr, "xxgk export: --format %q: only parquet is written\n", *format)
		return 2
	}
	if srv, ok := findServer(*dbPath); ok {
		// The server holds the file (DuckDB lets no other process open it)
		// and, by its safety settings, writes no file itself.
		fmt.Fprintf(stderr, "xxgk export: %s 正由 xxgk serve（进程 %d）打开，导出需要独占该文件：请先停止该服务，再导出。\n"+
			"xxgk export: %s is open in xxgk serve (pid %d), and export needs the file to itself: stop the server, then export again.\n",
			*dbPath, srv.PID, *dbPath, srv.PID)
		return 1
	}
	start := time.Now()
	rels, err := analytics.ExportParquet(ctx, *dbPath, *out)
	if err != nil {
		fmt.Fprintf(stderr, "xxgk export: %v\n", err)
		return 1
	}
	var rows int64
	for _, r := range rels {
		layout := "one file"
		if r.Partitioned {
			layout = "by year"
		}
		fmt.Fprintf(stdout, "%-22s %12d rows  %s\n", r.Name, r.Rows, layout)
		rows += r.Rows
	}
	fmt.Fprintf(stdout, "wrote %d tables and views, %d rows, to %s in %.1f s\n", len(rels), rows, *out, time.Since(start).Seconds())
	return 0
}
