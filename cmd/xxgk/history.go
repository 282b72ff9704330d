package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"xxgk/analytics"
	"xxgk/ingest/store"
)

func runHistory(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("history", flag.ContinueOnError)
	fl.SetOutput(stderr)
	dbPath := fl.String("db", store.DefaultPath, "DuckDB database `file`")
	limit := fl.Int("limit", 200, "print at most `N` versions")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: xxgk history [--db FILE] [NAME [YEAR]]")
		fmt.Fprintln(stderr, "Lists every version of the reports of a body, township or county (all when NAME is omitted):")
		fmt.Fprintln(stderr, "the current one and those it replaced, with their SHA-256 and who loaded and replaced them.")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	name, year := fl.Arg(0), 0
	if fl.NArg() > 2 || *limit <= 0 {
		fl.Usage()
		return 2
	}
	if fl.NArg() == 2 {
		y, err := strconv.Atoi(fl.Arg(1))
		if err != nil {
			fmt.Fprintf(stderr, "xxgk history: year %q is not a number\n", fl.Arg(1))
			return 2
		}
		year = y
	}
	versions, err := readHistory(ctx, *dbPath, historyRequest{Name: name, Year: year, Limit: *limit})
	if err != nil {
		fmt.Fprintf(stderr, "xxgk history: %v\n", err)
		return 1
	}
	if len(versions) == 0 {
		fmt.Fprintln(stderr, "xxgk history: no report matches")
		return 1
	}
	writeHistory(stdout, versions)
	return 0
}

// writeHistory prints one line per version.
func writeHistory(w io.Writer, versions []store.Version) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "county\ttownship\tyear\tstate\tfile\tsha256\tloaded\tby\treplaced\tby")
	const when = "2006-01-02 15:04:05"
	for _, v := range versions {
		state, replaced := "current", "-"
		if !v.Current {
			state = "replaced"
			if v.Forced {
				state = "replaced (forced)"
			}
			replaced = v.ReplacedAt.Local().Format(when)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", orDash(v.County), v.Township, v.Year, state,
			store.EscapeName(v.File), v.SHA256, v.LoadedAt.Local().Format(when), orDash(v.LoadedBy), replaced, orDash(v.ReplacedBy))
	}
	tw.Flush()
}

// readHistory reads the versions from the database, or from the server that
// has it open.
func readHistory(ctx context.Context, dbPath string, req historyRequest) ([]store.Version, error) {
	if srv, ok := findServer(dbPath); ok {
		return srv.history(ctx, req)
	}
	db, err := analytics.OpenReadOnly(ctx, dbPath)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return store.History(ctx, db, req.Name, req.Year, req.Limit)
}
