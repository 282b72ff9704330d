package ingest

import (
	"context"
	"errors"
	"runtime"
	"sync/atomic"
	"testing"
)

// TestInOrder checks the order of results, that work never runs more than
// the window ahead of emit (the reuse of result slots depends on it), and
// that an emit error stops the run.
func TestInOrder(t *testing.T) {
	window := int64(aheadPerWorker * runtime.GOMAXPROCS(0))
	for _, n := range []int{0, 1, 7, int(window), 5*int(window) + 3} {
		var emitted atomic.Int64
		next := 0
		err := InOrder(context.Background(), n, func(_ context.Context, i int) int {
			// Result i-window has been taken before job i starts; the
			// counter below moves just after, hence at most window ahead.
			if ahead := int64(i) - emitted.Load(); ahead > window {
				t.Errorf("n=%d: work %d started with %d emitted, more than %d ahead", n, i, emitted.Load(), window)
			}
			return i * 3
		}, func(v int) error {
			if v != next*3 {
				t.Fatalf("n=%d: emitted %d at position %d, want %d", n, v, next, next*3)
			}
			next++
			emitted.Add(1)
			return nil
		})
		if err != nil || next != n {
			t.Fatalf("n=%d: err %v, emitted %d", n, err, next)
		}
	}

	stop := errors.New("stop")
	seen := 0
	err := InOrder(context.Background(), 1000, func(_ context.Context, i int) int { return i }, func(v int) error {
		seen++
		if v == 10 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || seen != 11 {
		t.Fatalf("emit error: got %v after %d results, want stop after 11", err, seen)
	}
}
