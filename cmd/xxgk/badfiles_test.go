package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestBadEntriesNeverStopTheRun runs xxgk parse and xxgk ingest, as a user
// would, over a folder holding a report whose name has ESC, a newline and
// a byte that is not UTF-8, a FIFO named .txt and a folder that cannot be
// read (issue 10: a FIFO hung both commands, an unreadable folder aborted
// the run, such a name rolled back the whole run and was printed raw).
// Neither hangs or stops; each bad entry is named, escaped, with the
// reason; the report is loaded under its escaped name. As root, whom no
// folder's permissions stop, the commands run as nobody.
func TestBadEntriesNeverStopTheRun(t *testing.T) {
	seed, err := os.ReadFile("../../fixtures/seed/danzhu-2020.txt")
	if err != nil {
		t.Fatal(err)
	}
	other, err := os.ReadFile(filepath.Join(demoReports, "平沙县", "丰塔乡-2020.txt"))
	if err != nil {
		t.Fatal(err)
	}
	root := openTempDir(t)
	corpus := filepath.Join(root, "corpus")
	for _, d := range []string{"a", "locked"} {
		os.MkdirAll(filepath.Join(corpus, d), 0o755)
	}
	weird := filepath.Join(corpus, "a", "丹朱\x1b[31m\n\xff.txt")
	os.WriteFile(weird, seed, 0o644)
	os.WriteFile(filepath.Join(corpus, "locked", "丰塔乡-2020.txt"), other, 0o644)
	if err := syscall.Mkfifo(filepath.Join(corpus, "a", "pipe.txt"), 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	os.Chmod(filepath.Join(corpus, "locked"), 0)
	t.Cleanup(func() { os.Chmod(filepath.Join(corpus, "locked"), 0o755) })
	db := filepath.Join(root, "x.duckdb")

	escaped := filepath.Join(corpus, "a", `丹朱\x1b[31m\n\xff.txt`)
	warnings := []string{
		filepath.Join(corpus, "a", "pipe.txt") + ": not a regular file (a FIFO, socket, device or broken link); skipped",
		filepath.Join(corpus, "locked") + ": cannot read it (permission denied); skipped",
	}
	for _, tc := range []struct {
		args   []string
		stdout string // a line it must print
	}{
		{[]string{"parse", corpus}, escaped + "\n"},
		{[]string{"ingest", "--db", db, corpus}, ": 1 loaded, 0 replaced, 0 unchanged, 0 refused, 0 failed; 0 flagged by checks, 1 unplaced ("},
	} {
		t.Run(tc.args[0], func(t *testing.T) {
			code, stdout, stderr := runUnprivileged(t, root, tc.args...)
			// Skipped entries are not files that failed: the exit status
			// is that of the files taken (README).
			if code != 0 {
				t.Errorf("exit %d, want 0\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
			}
			for _, w := range warnings {
				if !strings.Contains(stderr, "xxgk "+tc.args[0]+": "+w+"\n") {
					t.Errorf("stderr lacks %q", w)
				}
			}
			if !strings.Contains(stdout, tc.stdout) {
				t.Errorf("stdout lacks %q", tc.stdout)
			}
			if out := stdout + stderr; strings.Contains(out, "\x1b") || strings.Contains(out, "\xff") || strings.Contains(out, "[31m\n") {
				t.Errorf("a raw control character or byte reached the terminal")
			}
		})
	}
	code, out, errs := runXXGK(t, "sql", "--db", db, "--csv", "SELECT source_file, org, year FROM reports")
	if want := "source_file,org,year\n" + escaped + ",丹朱镇人民政府,2020\n"; code != 0 || out != want {
		t.Errorf("stored: %d %q %s; want %q", code, out, errs, want)
	}
}

// openTempDir is a temporary folder that anyone may read and write, so
// that a command run as nobody can use it.
func openTempDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for d := dir; d != filepath.Dir(os.TempDir()) && d != "/"; d = filepath.Dir(d) {
		if d == os.TempDir() {
			break
		}
		os.Chmod(d, 0o777)
	}
	return dir
}

// runUnprivileged runs xxgk in a child process, as nobody when this test
// runs as root, with a bound of the test binary's deadline; dir is where
// the child's binary may be linked.
func runUnprivileged(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	bin, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		// nobody cannot reach the test binary's own folder: link it here.
		link := filepath.Join(dir, "xxgk.test")
		if _, err := os.Stat(link); err != nil {
			if err := os.Link(bin, link); err != nil {
				copyExecutable(t, bin, link)
			}
		}
		bin, cred = link, &syscall.Credential{Uid: 65534, Gid: 65534}
	}
	cmd := exec.CommandContext(untilTestDeadline(t), bin, "-test.run=^$")
	cmd.Env = append(os.Environ(), "XXGK_CHILD_ARGS="+strings.Join(args, "\n"), "HOME="+dir)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	if exit, ok := err.(*exec.ExitError); ok {
		return exit.ExitCode(), stdout.String(), stderr.String()
	}
	if err != nil {
		t.Fatalf("xxgk %s: %v", strings.Join(args, " "), err)
	}
	return 0, stdout.String(), stderr.String()
}

func copyExecutable(t *testing.T, from, to string) {
	t.Helper()
	src, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_EXCL, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
}
