package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"xxgk/ingest/store"
)

// eofReader closes done when its reader is exhausted.
type eofReader struct {
	r    io.Reader
	done chan struct{}
}

func (e *eofReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err == io.EOF {
		select {
		case <-e.done:
		default:
			close(e.done)
		}
	}
	return n, err
}

// TestServerKilledMidUpload kills a real server (SIGKILL) as soon as an
// upload's last byte is sent, while it loads the files: the database holds
// the old reports or the new, never a part, and xxgk ingest works again
// though the dead server's file is left beside the database.
func TestServerKilledMidUpload(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "k.duckdb")
	if code, _, errs := runXXGK(t, "ingest", "--db", db, "--regions", "../../fixtures/demo/regions.csv", filepath.Join(demoReports, "平沙县")); code != 0 {
		t.Fatalf("ingest: %s", errs)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "XXGK_CHILD_ARGS="+strings.Join([]string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, "\n"))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	line, err := bufio.NewReader(out).ReadString('\n')
	m := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`).FindString(line)
	if err != nil || m == "" {
		t.Fatalf("the server printed %q, %v", line, err)
	}

	files, _ := filepath.Glob(filepath.Join(demoReports, "武峰区", "*"))
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, f := range files {
		b, _ := os.ReadFile(f)
		w, _ := mw.CreateFormFile("files", filepath.Base(f))
		w.Write(b)
	}
	mw.Close()
	sent := &eofReader{r: &body, done: make(chan struct{})}
	go func() {
		res, err := http.Post(m+"api/ingest", mw.FormDataContentType(), sent)
		if err == nil {
			res.Body.Close()
		}
	}()
	<-sent.done
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	var reports, figures, runs int
	s.DB.QueryRow(`SELECT count(*) FROM reports`).Scan(&reports)
	s.DB.QueryRow(`SELECT count(*) FROM figures`).Scan(&figures)
	s.DB.QueryRow(`SELECT count(*) FROM ingest_runs`).Scan(&runs)
	s.Close()
	old, all := 140, 140+len(files)
	if !slices.Contains([]int{old, all}, reports) || figures != reports || runs != map[int]int{old: 1, all: 2}[reports] {
		t.Errorf("after the kill: %d reports, %d figure rows, %d runs; want %d or %d reports, one figure row each", reports, figures, runs, old, all)
	}
	t.Logf("killed with %d reports stored (old %d, new %d)", reports, old, all)
	if _, err := os.Stat(db + serverFileSuffix); err != nil {
		t.Logf("no server file left: %v", err)
	}
	code, stdout, errs := runXXGK(t, "ingest", "--db", db, filepath.Join(demoReports, "武峰区"))
	if code != 0 || strings.Contains(errs, "handing") || !strings.Contains(stdout, "run ") {
		t.Errorf("ingest after the kill: %d %q %q", code, stdout, errs)
	}
}

// TestServerStoppedMidUpload stops the server (as SIGTERM does) as soon as
// an upload's last byte is sent: an upload the server has begun finishes
// whole before it exits and is answered; one it had not begun to read is
// not answered and stores nothing.
func TestServerStoppedMidUpload(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.duckdb")
	if code, _, errs := runXXGK(t, "ingest", "--db", db, "--regions", "../../fixtures/demo/regions.csv", filepath.Join(demoReports, "平沙县")); code != 0 {
		t.Fatalf("ingest: %s", errs)
	}
	base, stop, _, serveErr := startCommand(t, "serve", "--db", db, "--addr", "127.0.0.1:0")
	files, _ := filepath.Glob(filepath.Join(demoReports, "武峰区", "*"))
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, f := range files {
		b, _ := os.ReadFile(f)
		w, _ := mw.CreateFormFile("files", filepath.Base(f))
		w.Write(b)
	}
	mw.Close()
	sent := &eofReader{r: &body, done: make(chan struct{})}
	answered := make(chan int, 1)
	go func() {
		res, err := http.Post(base+"api/ingest", mw.FormDataContentType(), sent)
		if err != nil {
			answered <- 0
			return
		}
		res.Body.Close()
		answered <- res.StatusCode
	}()
	<-sent.done
	if code := stop(); code != 0 {
		t.Errorf("serve exited %d: %s", code, serveErr.String())
	}
	code := <-answered
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var reports int
	s.DB.QueryRow(`SELECT count(*) FROM reports`).Scan(&reports)
	// Answered, the upload is stored whole; a request the server had not
	// begun to read when it stopped gets no answer and stores nothing.
	want := map[int]int{200: 140 + len(files), 0: 140}
	if n, ok := want[code]; !ok || reports != n {
		t.Errorf("the upload was answered %d and %d reports are stored; want 200 and %d, or no answer and 140", code, reports, 140+len(files))
	}
}
