package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is an output stream a test can read while a command writes it,
// and wait on: every write signals written().
type syncBuffer struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	changed chan struct{}
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	n, err := b.buf.Write(p)
	select {
	case b.signal() <- struct{}{}:
	default: // a signal is already pending; the reader will see this write too
	}
	return n, err
}

// written is signalled after each write; a reader checks the content, then
// waits on it, and cannot miss a write in between (the signal stays pending).
func (b *syncBuffer) written() <-chan struct{} {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.signal()
}

func (b *syncBuffer) signal() chan struct{} {
	if b.changed == nil {
		b.changed = make(chan struct{}, 1)
	}
	return b.changed
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var urlLine = regexp.MustCompile(`dashboard at (http://127\.0\.0\.\d+:\d+/)`)

// startCommand runs xxgk in-process until the test cancels it, and returns
// the URL it prints, a func that stops it and returns its exit status, and
// its output.
func startCommand(t *testing.T, args ...string) (string, func() int, *syncBuffer, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan int, 1)
	go func() { done <- run(ctx, args, &stdout, &stderr) }()
	guard := untilTestDeadline(t)
	for {
		if m := urlLine.FindStringSubmatch(stdout.String()); m != nil {
			stop := func() int { cancel(); return <-done }
			t.Cleanup(func() { cancel() })
			return m[1], stop, &stdout, &stderr
		}
		select {
		case code := <-done:
			cancel()
			t.Fatalf("xxgk %s exited with %d before serving:\n%s%s", strings.Join(args, " "), code, stdout.String(), stderr.String())
		case <-guard.Done():
			cancel()
			t.Fatalf("xxgk %s printed no URL before the test binary's deadline:\n%s%s", strings.Join(args, " "), stdout.String(), stderr.String())
		case <-stdout.written():
		}
	}
}

// untilTestDeadline is a context that ends shortly before `go test -timeout`
// would kill the binary, so that a wait that never ends fails with the
// test's own message instead of a goroutine dump. It is a guard against
// hanging, not a speed check: nothing here asserts how long anything takes.
func untilTestDeadline(t *testing.T) context.Context {
	t.Helper()
	deadline, ok := t.Deadline()
	if !ok {
		return context.Background()
	}
	ctx, cancel := context.WithDeadline(context.Background(), deadline.Add(-10*time.Second))
	t.Cleanup(cancel)
	return ctx
}

func fetch(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// TestDemoCommand runs xxgk demo as a user would: it builds the database
// from the embedded corpus, serves on a free port, prints the URL, and
// removes its temporary files when stopped.
func TestDemoCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests the demo corpus")
	}
	url, stop, stdout, stderr := startCommand(t, "demo", "--addr", "127.0.0.1:0")
	code, body := fetch(t, url)
	if code != 200 || !strings.Contains(body, "总览") || !strings.Contains(body, "黄滩镇") {
		t.Errorf("GET %s: %d %.300s", url, code, body)
	}
	code, body = fetch(t, url+"api/trend")
	if code != 200 || !strings.Contains(body, `"year":2019`) {
		t.Errorf("GET /api/trend: %d %.300s", code, body)
	}
	m := regexp.MustCompile(`into (\S+)demo\.duckdb`).FindStringSubmatch(stdout.String())
	if m == nil {
		t.Fatalf("demo did not say where its database is:\n%s", stdout.String())
	}
	if _, err := os.Stat(m[1]); err != nil {
		t.Fatalf("demo's temporary directory: %v", err)
	}
	if code := stop(); code != 0 {
		t.Errorf("exit status %d:\n%s", code, stderr.String())
	}
	if _, err := os.Stat(m[1]); !os.IsNotExist(err) {
		t.Errorf("the temporary directory %s is still there (%v)", m[1], err)
	}
}

// TestServeCommand serves a copy of the demo database.
func TestServeCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests the demo corpus")
	}
	demoDashboard(t)
	b, err := os.ReadFile(demoDB.path)
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "copy.duckdb")
	if err := os.WriteFile(db, b, 0o644); err != nil {
		t.Fatal(err)
	}
	url, stop, _, stderr := startCommand(t, "serve", "--db", db, "--addr", "127.0.0.1:0")
	code, body := fetch(t, url+"rankings?county="+"%E5%B9%B3%E6%B2%99%E5%8E%BF")
	if code != 200 || !strings.Contains(body, "县区内排名") {
		t.Errorf("GET /rankings: %d %.300s", code, body)
	}
	if code := stop(); code != 0 {
		t.Errorf("exit status %d:\n%s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "path=/rankings") {
		t.Errorf("the request log lacks the request:\n%s", stderr.String())
	}
}

func TestServeRefusesMissingDatabase(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "none.duckdb")
	code, _, stderr := runXXGK(t, "serve", "--db", missing, "--addr", "127.0.0.1:0")
	if code != 1 || !strings.Contains(stderr, "xxgk ingest") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("serve created %s", missing)
	}
}
