package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"xxgk/ingest/store"
)

// TestServerKilledMidUpload kills a real server (SIGKILL) while it loads
// an upload, held after the upload's last file and before its commit: the
// database holds exactly the old reports, and xxgk ingest works again
// though the dead server's file is left beside the database.
func TestServerKilledMidUpload(t *testing.T) {
	db := countyCopy(t, "k.duckdb")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "XXGK_CHILD_ARGS="+strings.Join([]string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, "\n"),
		"XXGK_CHILD_PAUSE=server")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr syncBuffer
	cmd.Stderr = &stderr
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
	go func() {
		res, err := http.Post(m+"api/ingest", mw.FormDataContentType(), &body)
		if err == nil {
			res.Body.Close()
		}
	}()
	waitForLine(t, &stderr, childStarted, cmd) // every file loaded, not committed
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	var reports, figures, runs, logged int
	s.DB.QueryRow(`SELECT count(*) FROM reports`).Scan(&reports)
	s.DB.QueryRow(`SELECT count(*) FROM figures`).Scan(&figures)
	s.DB.QueryRow(`SELECT count(*) FROM ingest_runs`).Scan(&runs)
	s.DB.QueryRow(`SELECT count(*) FROM ingest_log WHERE run_id NOT IN (SELECT run_id FROM ingest_runs)`).Scan(&logged)
	s.Close()
	if got := fmt.Sprint(reports, figures, runs, logged); got != "140 140 1 0" {
		t.Errorf("after the kill mid-run: reports, figure rows, runs, log rows of no recorded run = %s; want 140 140 1 0 (the old data)", got)
	}
	if _, err := os.Stat(db + serverFileSuffix); err != nil {
		t.Logf("no server file left: %v", err)
	}
	code, stdout, errs := runXXGK(t, "ingest", "--db", db, filepath.Join(demoReports, "武峰区"))
	if code != 0 || strings.Contains(errs, "handing") || !strings.Contains(stdout, fmt.Sprintf(": %d loaded, 0 replaced,", len(files))) {
		t.Errorf("ingest after the kill: %d %q %q", code, stdout, errs)
	}
}

// TestServerStoppedMidUpload stops the server (as SIGTERM does) while it
// loads an upload, held after the upload's last file and before its
// commit: the server stops taking connections, lets the run finish whole,
// answers it, and only then exits.
func TestServerStoppedMidUpload(t *testing.T) {
	db := countyCopy(t, "t.duckdb")
	pause := pauseRuns(t)
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
	answered := make(chan int, 1)
	go func() {
		res, err := http.Post(base+"api/ingest", mw.FormDataContentType(), &body)
		if err != nil {
			answered <- 0
			return
		}
		res.Body.Close()
		answered <- res.StatusCode
	}()
	<-pause.paused // every file loaded, not committed
	stopped := make(chan int, 1)
	go func() { stopped <- stop() }()
	// The server shuts down: it closes its listener first, then waits for
	// the requests in flight. Once a new connection is refused, the run
	// may go on.
	host := strings.TrimSuffix(strings.TrimPrefix(base, "http://"), "/")
	guard := untilTestDeadline(t)
	for {
		c, err := net.Dial("tcp", host)
		if err != nil {
			break
		}
		c.Close()
		if guard.Err() != nil {
			t.Fatal("the server still takes connections after it was told to stop")
		}
	}
	select {
	case code := <-stopped:
		t.Fatalf("the server exited (%d) with a run in progress", code)
	default:
	}
	pause.resume <- struct{}{}
	if code := <-stopped; code != 0 {
		t.Errorf("serve exited %d: %s", code, serveErr.String())
	}
	code := <-answered
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var reports, runs int
	s.DB.QueryRow(`SELECT count(*) FROM reports`).Scan(&reports)
	s.DB.QueryRow(`SELECT count(*) FROM ingest_runs`).Scan(&runs)
	if got, want := fmt.Sprint(code, reports, runs), fmt.Sprint(200, 140+len(files), 2); got != want {
		t.Errorf("answer, reports, runs = %s; want %s (the run in progress finished whole and was answered)", got, want)
	}
}
