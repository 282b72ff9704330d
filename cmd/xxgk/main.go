// Command xxgk reads 政府信息公开工作年度报告 of many townships into exact
// figures, checks the template's arithmetic, and (in later subcommands)
// loads them into DuckDB and serves dashboards.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
)

// command is one subcommand: it parses its own flags from args and writes
// to the given streams, so that tests can run it in-process.
type command struct {
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

var commands = map[string]command{
	"parse":    {"parse reports and print their figures", runParse},
	"ingest":   {"parse reports and load them into DuckDB", runIngest},
	"fixtures": {"generate a synthetic corpus of reports with an answer key", runFixtures},
	"serve":    {"serve the dashboard over a database", runServe},
	"demo":     {"load the built-in demo corpus into a temporary database and serve the dashboard", runDemo},
	"sql":      {"run one read-only SELECT on the database (table, CSV or JSON)", runSQL},
	"export":   {"write every table and view as Parquet partitioned by year", runExport},
	"bench":    {"generate, ingest, serve and load a corpus; print each figure against its target", runBench},
	"history":  {"list the versions of reports: current and replaced, with SHA-256 and who", runHistory},
	"users":    {"manage the accounts of serve --users (add, passwd, remove, list)", runUsers},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	if len(os.Args) > 1 {
		configureDuckDBAllocator(os.Args[1])
		if err := execWithAllocatorConf(); err != nil {
			fmt.Fprintf(os.Stderr, "xxgk: warning: DuckDB's allocator keeps its defaults (%v): a server's memory may exceed its bounds\n", err)
		}
	}
	if len(os.Args) > 1 && os.Args[1] == "ingest" {
		boundGoMemory() // here, not in runIngest: tests run it in-process
	}
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run dispatches to a subcommand and returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		return 2
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "xxgk: unknown command %q\n\n", args[0])
		usage(stderr)
		return 2
	}
	return cmd.run(ctx, args[1:], stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: xxgk <command> [flags] [args]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "commands:")
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-10s %s\n", name, commands[name].summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'xxgk <command> -h' for a command's flags.")
}
