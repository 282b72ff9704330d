package analytics

import (
	"context"
	"errors"
	"sync"

	"github.com/duckdb/duckdb-go/v2"
)

// consoleActivity tells a server's page reads whether analysts' console
// queries are running. Both share one DuckDB instance and so its one
// memory_limit (DuckDB has no limit per connection or per query): an
// analyst's query may hold all of it, and a page read started meanwhile
// fails with DuckDB's out-of-memory error however small it is
// (TestServeSurvivesHeavyLoad saw /quality fail so, once in six runs). Such
// a read waits for the console to be quiet, within its own deadline, and
// runs once more (DB.query): the analyst's query is the one past the
// limit, so it is the one that fails.
type consoleActivity struct {
	mu      sync.Mutex
	running int
	started uint64        // console queries begun, ever
	quiet   chan struct{} // closed while none runs
}

func newConsoleActivity() *consoleActivity {
	quiet := make(chan struct{})
	close(quiet)
	return &consoleActivity{quiet: quiet}
}

// begin records a console query starting; the func it returns records its
// end.
func (a *consoleActivity) begin() func() {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.running == 0 {
		a.quiet = make(chan struct{})
	}
	a.running++
	a.started++
	var once sync.Once
	return func() {
		once.Do(func() {
			a.mu.Lock()
			defer a.mu.Unlock()
			a.running--
			if a.running == 0 {
				close(a.quiet)
			}
		})
	}
}

// consoleMark is what a page read notes of the console as it starts.
type consoleMark struct {
	running int
	started uint64
}

// mark notes the console's state; a nil activity (no console) marks
// nothing.
func (a *consoleActivity) mark() consoleMark {
	if a == nil {
		return consoleMark{}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	return consoleMark{running: a.running, started: a.started}
}

// ranSince tells whether a console query ran at any time since m.
func (a *consoleActivity) ranSince(m consoleMark) bool {
	if a == nil {
		return false
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	return m.running > 0 || a.running > 0 || a.started != m.started
}

// waitQuiet waits, within ctx, until no console query runs.
func (a *consoleActivity) waitQuiet(ctx context.Context) error {
	a.mu.Lock()
	quiet := a.quiet
	a.mu.Unlock()
	select {
	case <-quiet: // first: a quiet console is no wait, whatever ctx
		return nil
	default:
	}
	select {
	case <-quiet:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// isOutOfMemory tells whether err is DuckDB's out-of-memory error.
func isOutOfMemory(err error) bool {
	var d *duckdb.Error
	return errors.As(err, &d) && d.Type == duckdb.ErrorTypeOutOfMemory
}
