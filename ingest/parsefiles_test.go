package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestParseFiles(t *testing.T) {
	dir := t.TempDir()
	seed, err := os.ReadFile("../fixtures/seed/danzhu-2020.txt")
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for i := range 40 {
		name := filepath.Join(dir, string(rune('a'+i%26))+string(rune('a'+i/26))+".txt")
		data := seed
		if i%7 == 3 {
			data = nil // an empty file among good ones
		}
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}

	var got []string
	failed := 0
	err = ParseFiles(context.Background(), files, func(r *Report) error {
		got = append(got, r.File)
		if r.Err != nil {
			failed++
		} else if r.SHA256 == "" || r.Figures["proactive_items"] != 65 {
			t.Errorf("%s: sha %q, proactive_items %v", r.File, r.SHA256, r.Figures["proactive_items"])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(files) || failed != 6 {
		t.Fatalf("%d reports, %d failed; want %d and 6", len(got), failed, len(files))
	}
	for i := range files {
		if got[i] != files[i] {
			t.Fatalf("report %d is %s, want %s: reports must come in file order", i, got[i], files[i])
		}
	}

	stop := errors.New("stop")
	n := 0
	err = ParseFiles(context.Background(), files, func(*Report) error {
		n++
		if n == 5 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 5 {
		t.Errorf("err = %v after %d reports, want stop after 5", err, n)
	}
}

// TestParseBudget: a Word document costs what it inflates to, and files
// that each cost more than the whole budget still all come out, in order
// (each runs alone).
func TestParseBudget(t *testing.T) {
	docx := zipped(t, "word/document.xml", strings.Repeat("<w:p/>", 1<<20))
	if c := parseCost(docx); c < 10*6<<20 {
		t.Errorf("cost of a DOCX inflating to 6 MB = %d, want at least 60 MB", c)
	}
	if c := parseCost([]byte("abc")); c != 30+8<<20 {
		t.Errorf("cost of 3 bytes = %d", c)
	}

	old := parseBudget
	parseBudget = 1
	defer func() { parseBudget = old }()
	dir := t.TempDir()
	var files []string
	for i := range 8 {
		name := filepath.Join(dir, fmt.Sprintf("%d.txt", i))
		if err := os.WriteFile(name, []byte(base2021(t)), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	var got []string
	err := ParseFiles(context.Background(), files, func(r *Report) error {
		if r.Err != nil {
			t.Errorf("%s: %v", r.File, r.Err)
		}
		got = append(got, r.File)
		return nil
	})
	if err != nil || !slices.Equal(got, files) {
		t.Errorf("err %v, reports %v; want every file in order", err, got)
	}
}

// TestBudgetWaits: a parse waits for the budget; with the budget taken and
// the run cancelled it gives the cancellation, never parsing.
func TestBudgetWaits(t *testing.T) {
	b := NewBudget()
	if err := b.sem.Acquire(context.Background(), parseBudget); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := b.Parse(ctx, "x.txt", []byte(base2021(t)))
	if !errors.Is(r.Err, context.Canceled) || len(r.Figures) != 0 {
		t.Fatalf("with the budget taken: err %v, %d figures; want the cancellation and none", r.Err, len(r.Figures))
	}
	b.sem.Release(parseBudget)
	if r := b.Parse(context.Background(), "x.txt", []byte(base2021(t))); r.Err != nil || len(r.Figures) == 0 {
		t.Fatalf("with the budget free: err %v, %d figures", r.Err, len(r.Figures))
	}
}
