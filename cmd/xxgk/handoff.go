package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"xxgk/ingest/store"
)

// runningServer is an xxgk serve that has a database open.
type runningServer struct {
	serverInfo
	client *http.Client
}

// findServer looks for the server that has the database at path open: its
// file beside the database, and the server answering at its address. A
// file left by a server that died is ignored.
func findServer(path string) (*runningServer, bool) {
	info, err := readServerInfo(path)
	if err != nil {
		return nil, false
	}
	conn, err := net.DialTimeout("tcp", info.Addr, 2*time.Second)
	if err != nil {
		return nil, false
	}
	conn.Close()
	client := &http.Client{}
	if info.TLS {
		// The server's certificate names its public host, not loopback;
		// the token, readable only by the server's owner, is what proves
		// the server and the client to each other here.
		client.Transport = &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}
	}
	return &runningServer{serverInfo: info, client: client}, true
}

func (s *runningServer) post(ctx context.Context, route, contentType string, body io.Reader) (*http.Response, error) {
	scheme := "http://"
	if s.TLS {
		scheme = "https://"
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, scheme+s.Addr+route, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+s.Token)
	req.Header.Set("Content-Type", contentType)
	resp, err := s.client.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		defer resp.Body.Close()
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		return nil, &serverError{resp.StatusCode, strings.TrimSpace(string(msg))}
	}
	return resp, nil
}

type serverError struct {
	status int
	msg    string
}

func (e *serverError) Error() string { return e.msg }

// ingest sends the files' bytes to the server, which loads them in one run
// as xxgk ingest would, and reports its progress and summary.
func (s *runningServer) ingest(ctx context.Context, files *store.PathList, opt store.Options) (store.Summary, error) {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	unsent := make(chan []store.FileResult, 1)
	go func() {
		bad, err := writeBatch(mw, files, opt)
		unsent <- bad
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
	}()
	resp, err := s.post(ctx, routeLocalIngest, mw.FormDataContentType(), pr)
	pr.CloseWithError(errors.New("request ended"))
	if err != nil {
		if ctx.Err() != nil {
			return store.Summary{}, ctx.Err()
		}
		return store.Summary{}, fmt.Errorf("the server at %s: %w", s.Addr, err)
	}
	defer resp.Body.Close()
	sum, err := readIngestLines(ctx, resp.Body, opt.Progress)
	bad := <-unsent
	for _, b := range bad {
		sum.Failed++
		sum.Notes = append(sum.Notes, b)
	}
	return sum, err
}

// writeBatch writes the form: who, whether to force replacements, the
// regions, then each file's name, modification time and bytes. A file that
// cannot be opened, or is not a regular file, is not sent: it is returned.
func writeBatch(mw *multipart.Writer, files *store.PathList, opt store.Options) ([]store.FileResult, error) {
	mw.WriteField("by", opt.By)
	if opt.Replace {
		mw.WriteField("replace", "1")
	}
	if opt.Regions != nil {
		w, err := mw.CreateFormFile("regions", "regions.csv")
		if err != nil {
			return nil, err
		}
		if err := writeRegions(w, opt.Regions); err != nil {
			return nil, err
		}
	}
	var bad []store.FileResult
	for i := range files.Len() {
		path := files.At(i)
		name := store.EscapeName(path)
		f, info, err := openRegular(path)
		if err != nil {
			bad = append(bad, store.FileResult{File: name, Action: store.ActionFailed, Reason: store.ReasonUnreadable, Detail: err.Error()})
			continue
		}
		mw.WriteField("name", name)
		mw.WriteField("mtime_ns", strconv.FormatInt(info.ModTime().UnixNano(), 10))
		w, err := mw.CreateFormFile("files", "report")
		if err == nil {
			_, err = io.Copy(w, f)
		}
		f.Close()
		if err != nil {
			return bad, err
		}
	}
	return bad, nil
}

// openRegular opens a regular file; a FIFO, socket or device is never
// opened.
func openRegular(path string) (*os.File, os.FileInfo, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read it: %v", pathErrOnly(err))
	}
	if !info.Mode().IsRegular() {
		return nil, nil, errors.New("not a regular file; skipped without opening it")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read it: %v", pathErrOnly(err))
	}
	return f, info, nil
}

func writeRegions(w io.Writer, regions []store.Region) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"org", "township", "county", "city", "province", "kind"})
	for _, r := range regions {
		cw.Write([]string{r.Org, r.Township, r.County, r.City, r.Province, r.Kind})
	}
	cw.Flush()
	return cw.Error()
}

// readIngestLines follows the server's progress to its summary.
func readIngestLines(ctx context.Context, r io.Reader, progress func(done, total int)) (store.Summary, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 256<<20)
	for sc.Scan() {
		var line ingestLine
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			return store.Summary{}, fmt.Errorf("the server's answer: %w", err)
		}
		if line.Summary == nil {
			if progress != nil {
				progress(line.Done, line.Total)
			}
			continue
		}
		sum := *line.Summary
		for _, e := range line.Early {
			sum.Failed++
			sum.Notes = append(sum.Notes, e)
		}
		switch {
		case line.Error == "interrupted":
			return sum, context.Canceled
		case line.Error != "":
			return sum, errors.New(line.Error)
		}
		return sum, nil
	}
	if ctx.Err() != nil {
		return store.Summary{}, fmt.Errorf("%w; the server stores the run whole or not at all: check with xxgk history", ctx.Err())
	}
	return store.Summary{}, errors.New("the server stopped before it answered; it stores a run whole or not at all: check with xxgk history")
}

// sql runs xxgk sql's query on the server and prints its answer.
func (s *runningServer) sql(ctx context.Context, req sqlRequest, stdout, stderr io.Writer) int {
	body, _ := json.Marshal(req)
	resp, err := s.post(ctx, routeLocalSQL, "application/json", bytes.NewReader(body))
	if err != nil {
		fmt.Fprintf(stderr, "xxgk sql: %v\n", err)
		return 1
	}
	defer resp.Body.Close()
	if _, err := io.Copy(stdout, resp.Body); err != nil {
		fmt.Fprintf(stderr, "xxgk sql: %v\n", err)
		return 1
	}
	if t := resp.Header.Get("X-Xxgk-Truncated"); t != "" && req.Format != "table" {
		fmt.Fprintf(stderr, "xxgk sql: %s\n", strings.Trim(t, "()"))
	}
	return 0
}

// history reads the versions from the server.
func (s *runningServer) history(ctx context.Context, req historyRequest) ([]store.Version, error) {
	body, _ := json.Marshal(req)
	resp, err := s.post(ctx, routeLocalHistory, "application/json", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out []store.Version
	return out, json.NewDecoder(resp.Body).Decode(&out)
}
