package audit

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestLogAndTail: events are appended as JSON lines to a file only its
// owner reads; Tail returns the newest first, reading a bounded end of the
// file and dropping the line the bound cuts.
func TestLogAndTail(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	l, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	at := time.Date(2026, 3, 31, 8, 0, 0, 0, time.UTC)
	for i := range 50 {
		rows := i
		if err := l.Record(Event{Time: at, Kind: Query, User: "张三", Query: fmt.Sprint("SELECT ", i, " ", strings.Repeat("x", 400)), Rows: &rows}); err != nil {
			t.Fatal(err)
		}
	}
	st, _ := os.Stat(path)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", st.Mode().Perm())
	}
	events, err := l.Tail(3, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 3 || *events[0].Rows != 49 || *events[2].Rows != 47 || len([]rune(events[0].Query)) != MaxQuery {
		t.Fatalf("Tail(3) = %+v", events)
	}
	lineLen := st.Size() / 50
	events, _ = l.Tail(100, lineLen*5+lineLen/2) // five and a half lines: the half is dropped
	if len(events) != 5 || *events[4].Rows != 45 {
		t.Errorf("bounded Tail: %d events", len(events))
	}
	var nilLog *Log
	if err := nilLog.Record(Event{Kind: Query}); err != nil {
		t.Errorf("a nil log: %v", err)
	}
}
