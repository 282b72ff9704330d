package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestCollectFilesSkipsBadEntries: a FIFO named .txt and an unreadable
// folder are told and skipped; the walk goes on.
func TestCollectFilesSkipsBadEntries(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"a/one.txt", "locked/two.txt", "z/three\x1b.txt"} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		os.WriteFile(filepath.Join(dir, p), []byte("x"), 0o644)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "a", "pipe.txt"), 0o644); err != nil {
		t.Skip(err)
	}
	root := os.Geteuid() == 0 // root reads any folder: the locked one is then read
	os.Chmod(filepath.Join(dir, "locked"), 0)
	t.Cleanup(func() { os.Chmod(filepath.Join(dir, "locked"), 0o755) })
	var warnings []string
	files, err := collectFiles([]string{dir}, func(m string) { warnings = append(warnings, m) })
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "a/one.txt"), filepath.Join(dir, "z/three\x1b.txt")}
	if root {
		want = []string{want[0], filepath.Join(dir, "locked/two.txt"), want[1]}
	}
	if got := files.Paths(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("files = %q, want %q", got, want)
	}
	wantWarn := []string{
		filepath.Join(dir, "a/pipe.txt") + ": not a regular file (a FIFO, socket, device or broken link); skipped",
		filepath.Join(dir, "locked") + ": cannot read it (permission denied); skipped",
	}
	if root {
		wantWarn = wantWarn[:1]
	}
	if strings.Join(warnings, "|") != strings.Join(wantWarn, "|") {
		t.Errorf("warnings = %q\nwant %q", warnings, wantWarn)
	}
}
