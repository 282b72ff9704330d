package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"

	"xxgk/dashboard"
)

// consoleFlags are the SQL console's flags of serve and demo.
type consoleFlags struct {
	timeout    *time.Duration
	maxRows    *int
	maxBytes   *int64
	concurrent *int
	ceilingMB  *int64
}

func addConsoleFlags(fl *flag.FlagSet) *consoleFlags {
	return &consoleFlags{
		timeout:    fl.Duration("sql-timeout", dashboard.DefaultSQLTimeout, "SQL console: cancel a query after this `duration`"),
		maxRows:    fl.Int("sql-max-rows", dashboard.DefaultSQLMaxRows, "SQL console: return at most `N` rows of a query"),
		maxBytes:   fl.Int64("sql-max-bytes", dashboard.DefaultSQLMaxBytes, "SQL console: return at most `N` bytes of a query's result (each value as text; page, API and downloads)"),
		concurrent: fl.Int("sql-concurrent", dashboard.DefaultSQLConcurrent, "SQL console: run at most `N` queries at once (more are refused: busy)"),
		ceilingMB: fl.Int64("memory-ceiling-mb", defaultMemoryCeilingMB,
			"the server's hard memory ceiling in `MB` (Linux: RLIMIT_DATA); an allocation beyond it fails the query that made it; 0: none"),
	}
}

// applyMemoryCeiling is limitMemory, except in tests that run serve inside
// the test process (with a browser as its child), where a ceiling would
// bound everything else too.
var applyMemoryCeiling = limitMemory

// defaultMemoryCeilingMB is DuckDB's memory_limit (2 GB, its buffers and
// operators), the console's byte budgets with their copies, and room for
// the pages' caches, Go's heap and thread stacks.
const defaultMemoryCeilingMB = 4096

// goHeapLimit is the Go heap's soft limit in a server (debug.SetMemoryLimit):
// the page caches (analyticsource.DefaultCacheRows), the console's result
// being written, the requests in flight. With DuckDB's
// analytics.ServingMemoryLimit (1 GB, a cap its page queries stay far
// below) and the binary's own pages it keeps a server's resident memory
// under 1 GB while visitors and analysts load it (xxgk bench); the hard
// ceiling (--memory-ceiling-mb) bounds the address space, which DuckDB's
// allocator keeps once used, and is far above: a last resort.
const goHeapLimit = 320 << 20

// limitGoHeap sets the Go heap's soft limit, unless GOMEMLIMIT says
// otherwise: past it the collector runs more often rather than the heap
// growing.
func limitGoHeap() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(goHeapLimit)
	}
}

// limitMemory applies --memory-ceiling-mb to this process, and says so
// where it cannot.
func (f *consoleFlags) limitMemory(stderr io.Writer) {
	if err := applyMemoryCeiling(*f.ceilingMB << 20); err != nil {
		fmt.Fprintf(stderr, "xxgk: warning: could not set the memory ceiling: %v\n", err)
	} else if *f.ceilingMB > 0 && !memoryLimitSupported {
		fmt.Fprintln(stderr, "xxgk: warning: --memory-ceiling-mb is enforced on Linux only")
	}
}

// valid says whether the flags make sense, and says why not.
func (f *consoleFlags) valid(stderr io.Writer) bool {
	if *f.ceilingMB < 0 {
		fmt.Fprintln(stderr, "--memory-ceiling-mb must be 0 (none) or above")
		return false
	}
	if *f.timeout <= 0 || *f.maxRows <= 0 || *f.maxBytes <= 0 || *f.concurrent <= 0 {
		fmt.Fprintln(stderr, "--sql-timeout, --sql-max-rows, --sql-max-bytes and --sql-concurrent must be above 0")
		return false
	}
	return true
}

// options are the console's options from the flags (the Console itself is
// set where the database is opened).
func (f *consoleFlags) options() dashboard.ConsoleOptions {
	return dashboard.ConsoleOptions{MaxRows: *f.maxRows, MaxBytes: *f.maxBytes, Timeout: *f.timeout, Concurrent: *f.concurrent}
}

// writeTimeout bounds the writing of a response: a minute, or the console's
// timeout and half a minute to write the result when that is longer.
func (f *consoleFlags) writeTimeout() time.Duration {
	return max(time.Minute, *f.timeout+30*time.Second)
}
