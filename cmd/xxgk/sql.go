package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"xxgk/analytics"
	"xxgk/ingest/store"
)

func runSQL(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("sql", flag.ContinueOnError)
	fl.SetOutput(stderr)
	dbPath := fl.String("db", store.DefaultPath, "DuckDB database `file` to query (read-only)")
	asCSV := fl.Bool("csv", false, "write CSV: a header line, then one line per row")
	asJSON := fl.Bool("json", false, "write one JSON array of row objects keyed by column name")
	maxRows := fl.Int("max-rows", analytics.DefaultConsoleRows, "return at most `N` rows")
	maxBytes := fl.Int64("max-bytes", analytics.DefaultConsoleBytes, "return at most `N` bytes of results (each value as text); the result is cut past it")
	timeout := fl.Duration("timeout", analytics.DefaultConsoleTimeout, "cancel the query after this `duration`")
	file := fl.String("file", "", "read the query from `FILE` (- for standard input), e.g. one of sql/examples/")
	fl.Usage = func() {
		fmt.Fprintln(stderr, `usage: xxgk sql [--db FILE] [--csv|--json] "SELECT ..."`)
		fmt.Fprintln(stderr, `       xxgk sql [--db FILE] [--csv|--json] --file query.sql`)
		fmt.Fprintln(stderr, "Runs one SELECT statement on the database, read-only; the views are described in sql/README.md.")
		fmt.Fprintln(stderr, `A query starting with a "--" comment goes after --: xxgk sql -- "-- comment ..."`)
		fl.PrintDefaults()
	}
	// The query may come before the flags too: parse flags around it.
	var queries []string
	for {
		if err := fl.Parse(args); err != nil {
			return 2
		}
		if fl.NArg() == 0 {
			break
		}
		queries = append(queries, fl.Arg(0))
		args = fl.Args()[1:]
	}
	if *file != "" && len(queries) == 0 {
		text, err := readQueryFile(*file)
		if err != nil {
			fmt.Fprintf(stderr, "xxgk sql: %v\n", err)
			return 1
		}
		queries = append(queries, text)
	} else if *file != "" {
		queries = append(queries, "") // a query and --file: usage
	}
	if len(queries) != 1 || *asCSV && *asJSON {
		fl.Usage()
		return 2
	}
	format := "table"
	switch {
	case *asCSV:
		format = "csv"
	case *asJSON:
		format = "json"
	}
	if srv, ok := findServer(*dbPath); ok {
		return srv.sql(ctx, sqlRequest{Query: queries[0], Format: format, MaxRows: *maxRows, Timeout: *timeout}, stdout, stderr)
	}
	db, err := analytics.OpenReadOnly(ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(stderr, "xxgk sql: %v\n", err)
		return 1
	}
	defer db.Close()
	res, err := analytics.RunSQL(ctx, db, queries[0], analytics.ConsoleOptions{MaxRows: *maxRows, MaxBytes: *maxBytes, Timeout: *timeout})
	if err != nil {
		fmt.Fprintf(stderr, "xxgk sql: %v\n", err)
		return 1
	}
	if err := sqlWriter(format)(stdout, res); err != nil && !errors.Is(err, io.ErrClosedPipe) {
		fmt.Fprintf(stderr, "xxgk sql: %v\n", err)
		return 1
	}
	if res.Truncated && format != "table" {
		fmt.Fprintf(stderr, "xxgk sql: %s\n", strings.Trim(analytics.RowCount(res), "()"))
	}
	return 0
}

// sqlWriter writes a result in a format of xxgk sql.
func sqlWriter(format string) func(io.Writer, *analytics.ConsoleResult) error {
	switch format {
	case "csv":
		return analytics.WriteCSV
	case "json":
		return analytics.WriteJSON
	}
	return analytics.WriteTable
}

// readQueryFile reads a query from a file, or from standard input for "-".
func readQueryFile(name string) (string, error) {
	if name == "-" {
		b, err := io.ReadAll(os.Stdin)
		return string(b), err
	}
	b, err := os.ReadFile(name)
	return string(b), err
}
