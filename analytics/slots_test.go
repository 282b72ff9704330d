package analytics

import (
	"context"
	"errors"
	"testing"
)

// TestHeavyQueriesKeepSlotsFree: the flags' queries hold at most half the
// slots; with those taken, another heavy query waits while a cheap one
// still gets a slot; releasing a heavy turn lets the next heavy one in.
func TestHeavyQueriesKeepSlotsFree(t *testing.T) {
	d := &DB{slots: make(chan struct{}, 4), heavy: make(chan struct{}, 2)}
	done, cancel := context.WithCancel(context.Background())
	cancel() // a context already over: acquire fails at once when it must wait
	var held []func()
	for i := range 2 {
		release, err := d.acquire(context.Background(), "review_queue", true)
		if err != nil {
			t.Fatalf("heavy query %d: %v", i, err)
		}
		held = append(held, release)
	}
	if _, err := d.acquire(done, "scorecards", true); !errors.Is(err, context.Canceled) {
		t.Errorf("a third heavy query got a turn (%v); want it to wait", err)
	}
	if got := len(d.slots); got != 2 {
		t.Errorf("%d slots taken after a refused heavy query, want 2", got)
	}
	cheap, err := d.acquire(context.Background(), "reports", false)
	if err != nil {
		t.Fatalf("a cheap query waited behind the heavy ones: %v", err)
	}
	held[0]()
	next, err := d.acquire(context.Background(), "scorecards", true)
	if err != nil {
		t.Fatalf("a heavy query after one ended: %v", err)
	}
	for _, r := range []func(){held[1], cheap, next} {
		r()
	}
	if len(d.slots) != 0 || len(d.heavy) != 0 {
		t.Errorf("after every release: %d slots, %d heavy slots taken", len(d.slots), len(d.heavy))
	}
}
