package analytics

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"testing"
)

func TestConsoleActivity(t *testing.T) {
	a := newConsoleActivity()
	idle := a.mark()
	if a.ranSince(idle) {
		t.Fatal("no console query yet, but ranSince says one ran")
	}
	if err := a.waitQuiet(context.Background()); err != nil {
		t.Fatalf("quiet console: %v", err)
	}
	end1 := a.begin()
	end2 := a.begin()
	busy := a.mark()
	if busy.running != 2 || !a.ranSince(idle) || !a.ranSince(busy) {
		t.Errorf("two running: mark %+v, ranSince(idle) %v, ranSince(busy) %v", busy, a.ranSince(idle), a.ranSince(busy))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := a.waitQuiet(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("waitQuiet while two run, context cancelled: %v, want context.Canceled", err)
	}
	end1()
	end1() // twice: counted once
	if a.mark().running != 1 {
		t.Errorf("after one end (called twice): %d running, want 1", a.mark().running)
	}
	end2()
	if err := a.waitQuiet(ctx); err != nil {
		t.Errorf("waitQuiet after both ended: %v", err)
	}
	after := a.mark()
	if a.ranSince(after) {
		t.Error("nothing ran since the last mark, but ranSince says so")
	}
	end := a.begin()
	end()
	if !a.ranSince(after) {
		t.Error("a query began and ended since the mark, but ranSince says none ran")
	}
	var none *consoleActivity
	if none.ranSince(none.mark()) {
		t.Error("no console: ranSince is true")
	}
}

// TestWaitsForConsole decides on a real DuckDB out-of-memory error (from
// an instance with a small memory_limit), and on others.
func TestWaitsForConsole(t *testing.T) {
	db, err := sql.Open("duckdb", "?memory_limit=64MB&threads=1")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, oom := db.Exec("SELECT len(list(range)) FROM range(100000000)")
	if oom == nil {
		t.Fatal("a list of 100 million numbers fit in 64 MB")
	}
	oom = fmt.Errorf("analytics: review_queue: %w", oom)
	_, syntax := db.Exec("SELEC 1")
	cases := []struct {
		name       string
		err        error
		scanned    bool
		consoleRan bool
		want       bool
	}{
		{"out of memory while the console ran", oom, false, true, true},
		{"out of memory, no console query", oom, false, false, false},
		{"out of memory after rows were passed on", oom, true, true, false},
		{"another error while the console ran", syntax, false, true, false},
		{"a timeout while the console ran", context.DeadlineExceeded, false, true, false},
		{"no error", nil, false, true, false},
	}
	for _, c := range cases {
		if got := waitsForConsole(c.err, c.scanned, c.consoleRan); got != c.want {
			t.Errorf("%s: waitsForConsole = %v, want %v (%v)", c.name, got, c.want, c.err)
		}
	}
}
