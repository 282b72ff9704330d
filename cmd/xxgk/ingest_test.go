package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"xxgk/ingest/store"
)

// childStarted is the line a child ingest prints (see runChild) once it is
// mid-run.
const childStarted = "xxgk-test: child is mid-run"

// runChild is xxgk's main in a child test process (see TestMain). With
// XXGK_CHILD_PAUSE set, an ingest prints childStarted on stderr after its
// fifth file and then waits for SIGTERM before going on, so that the parent
// signals it mid-run for certain, without timing.
//
// With XXGK_CHILD_PAUSE=server, a server prints childStarted after the
// last file of a run it loads, before the commit, and waits there to be
// killed.
func runChild(args []string) int {
	switch os.Getenv("XXGK_CHILD_PAUSE") {
	case "":
	case "server":
		hook := func(done, total int) {
			if done == total {
				fmt.Fprintln(os.Stderr, childStarted)
				select {}
			}
		}
		ingestHook.Store(&hook)
	default:
		term := make(chan os.Signal, 1)
		signal.Notify(term, syscall.SIGTERM)
		progressHook = func(done, total int) {
			if done == 5 {
				fmt.Fprintln(os.Stderr, childStarted)
				<-term
			}
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return run(ctx, args, os.Stdout, os.Stderr)
}

// TestIngestSIGTERM: SIGTERM stops xxgk ingest as Ctrl-C does: it says so,
// and nothing of the run is stored.
func TestIngestSIGTERM(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.duckdb")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "XXGK_CHILD_ARGS="+strings.Join([]string{"ingest", "--db", db, "../../fixtures/demo"}, "\n"), "XXGK_CHILD_PAUSE=1")
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitForLine(t, &stderr, childStarted, cmd)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Errorf("exit: %v, want status 1", err)
	}
	if !strings.Contains(stderr.String(), "xxgk ingest: interrupted; nothing of this run was stored\n") {
		t.Errorf("stderr = %q", stderr.String())
	}
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n int
	s.DB.QueryRow(`SELECT count(*) FROM reports`).Scan(&n)
	if n != 0 {
		t.Errorf("%d reports stored by an interrupted run, want 0", n)
	}
}

// waitForLine waits until a child process has written line to out.
func waitForLine(t *testing.T, out *syncBuffer, line string, cmd *exec.Cmd) {
	t.Helper()
	guard := untilTestDeadline(t)
	for !strings.Contains(out.String(), line+"\n") {
		select {
		case <-out.written():
		case <-guard.Done():
			cmd.Process.Kill()
			t.Fatalf("the child never printed %q; it wrote:\n%s", line, out.String())
		}
	}
}

// TestReportRunTruthful: a run committed before a later step failed is
// never reported as not stored.
func TestReportRunTruthful(t *testing.T) {
	now := time.Now()
	tests := []struct {
		name         string
		sum          store.Summary
		err          error
		code         int
		stdout, errs string
	}{
		{"checkpoint after commit", store.Summary{RunID: 3, Loaded: 2, Committed: true, Started: now, Finished: now},
			fmt.Errorf("ingest: %w (the run is stored): disk full", store.ErrCheckpoint), 1,
			"run 3 into x.duckdb: 2 loaded, 0 replaced, 0 unchanged, 0 refused, 0 failed; 0 flagged by checks, 0 unplaced (0s)\n",
			"xxgk ingest: the run is stored, but: ingest: checkpoint failed after the run was committed (the run is stored): disk full\n"},
		{"failed before commit", store.Summary{}, errors.New("ingest: commit: disk full"), 1,
			"", "xxgk ingest: ingest: commit: disk full; nothing of this run was stored\n"},
		{"interrupted", store.Summary{}, context.Canceled, 1, "", "xxgk ingest: interrupted; nothing of this run was stored\n"},
		{"refusal", store.Summary{RunID: 1, Refused: 1, Committed: true, Started: now, Finished: now, Notes: []store.FileResult{
			{File: `news\x1b.txt`, Action: store.ActionRefused, Detail: "not a report"}}}, nil, 1,
			"run 1 into x.duckdb: 0 loaded, 0 replaced, 0 unchanged, 1 refused, 0 failed; 0 flagged by checks, 0 unplaced (0s)\n",
			"refused: news\\x1b.txt: not a report\n"},
	}
	for _, tc := range tests {
		var out, errs bytes.Buffer
		code := reportRun(&out, &errs, "x.duckdb", tc.sum, tc.err)
		if code != tc.code || out.String() != tc.stdout || errs.String() != tc.errs {
			t.Errorf("%s: code %d\nstdout %q\nstderr %q", tc.name, code, out.String(), errs.String())
		}
	}
}

// TestIngestEscapesNames: a file whose name holds ESC, a newline and bytes
// that are not UTF-8 is loaded, stored and named escaped; nothing raw
// reaches the terminal.
func TestIngestEscapesNames(t *testing.T) {
	dir := t.TempDir()
	seed, err := os.ReadFile("../../fixtures/seed/danzhu-2020.txt")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "丹朱\x1b[31m\n\xff.txt"), seed, 0o644)
	os.WriteFile(filepath.Join(dir, "新闻\x1b.txt"), []byte("丹朱镇人民政府2020年政府信息公开工作年度报告\n\n2020年，我镇主动公开政府信息88条。\n"), 0o644)
	db := filepath.Join(t.TempDir(), "x.duckdb")
	code, out, errs := runXXGK(t, "ingest", "--db", db, dir)
	if code != 1 || !strings.Contains(out, ": 1 loaded, 0 replaced, 0 unchanged, 1 refused, 0 failed;") {
		t.Errorf("exit %d, stdout %q", code, out)
	}
	want := "refused: " + filepath.Join(dir, `新闻\x1b.txt`) + ": not a report"
	if !strings.Contains(errs, want) || strings.Contains(out+errs, "\x1b") || strings.Contains(out+errs, "\xff") {
		t.Errorf("stderr %q, want it to contain %q and no raw ESC", errs, want)
	}
	code, out, _ = runXXGK(t, "sql", "--db", db, "--csv", "SELECT source_file FROM reports")
	if code != 0 || out != "source_file\n"+filepath.Join(dir, `丹朱\x1b[31m\n\xff.txt`)+"\n" {
		t.Errorf("stored name: %q", out)
	}
}
