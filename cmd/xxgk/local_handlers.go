package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"time"

	"xxgk/analytics"
	"xxgk/dashboard"
	"xxgk/ingest/extract"
	"xxgk/ingest/store"
)

// Bounds of a run handed over by xxgk ingest: a national corpus fits.
const (
	localMaxRequest = 64 << 30
	localMaxFiles   = 10_000_000
)

// ingestLine is one line of the answer to routeLocalIngest (JSON Lines):
// progress while the files load, then the summary.
type ingestLine struct {
	Done    int                `json:"done,omitempty"`
	Total   int                `json:"total,omitempty"`
	Summary *store.Summary     `json:"summary,omitempty"`
	Early   []store.FileResult `json:"early,omitempty"` // files refused before loading
	Error   string             `json:"error,omitempty"`
}

// handleIngest loads the files xxgk ingest sends, in one run like its own,
// and streams its progress. The request's context is the run's: a client
// that goes away (Ctrl-C) rolls the run back.
func (l *localServer) handleIngest(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	rc.SetReadDeadline(time.Time{})
	rc.SetWriteDeadline(time.Time{})
	dir, err := os.MkdirTemp("", "xxgk-ingest-")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer os.RemoveAll(dir)
	r.Body = http.MaxBytesReader(w, r.Body, localMaxRequest)
	batch, err := dashboard.ReceiveUpload(r, dir, dashboard.UploadOptions{
		MaxFileBytes: extract.MaxFileSize, MaxRequestBytes: localMaxRequest, MaxFiles: localMaxFiles, TrustNames: true})
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/x-ndjson")
	enc := json.NewEncoder(w)
	last := time.Time{}
	sum, err := l.served.store.IngestSources(r.Context(), batch.Sources, store.Options{
		Regions: batch.Regions, Replace: batch.Replace, By: batch.By,
		Progress: func(done, total int) {
			if now := time.Now(); done == total || now.Sub(last) > 200*time.Millisecond {
				last = now
				enc.Encode(ingestLine{Done: done, Total: total})
				rc.Flush()
			}
		},
	})
	line := ingestLine{Summary: &sum, Early: batch.Early}
	if err != nil {
		line.Error = err.Error()
		if errors.Is(err, r.Context().Err()) && r.Context().Err() != nil {
			line.Error = "interrupted"
		}
	}
	enc.Encode(line)
}

// sqlRequest is the body of routeLocalSQL.
type sqlRequest struct {
	Query   string        `json:"query"`
	Format  string        `json:"format"` // table, csv, json
	MaxRows int           `json:"max_rows"`
	Timeout time.Duration `json:"timeout"`
}

// handleSQL runs xxgk sql's query on the server's read handle and answers
// exactly what xxgk sql would print.
func (l *localServer) handleSQL(w http.ResponseWriter, r *http.Request) {
	var req sqlRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	res, err := analytics.RunSQL(r.Context(), l.served.DB, req.Query, analytics.ConsoleOptions{MaxRows: req.MaxRows, Timeout: req.Timeout})
	if err != nil {
		http.Error(w, err.Error(), http.StatusUnprocessableEntity)
		return
	}
	var buf bytes.Buffer
	if err := sqlWriter(req.Format)(&buf, res); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if res.Truncated {
		w.Header().Set("X-Xxgk-Truncated", analytics.RowCount(res))
	}
	w.Write(buf.Bytes())
}

// historyRequest is the body of routeLocalHistory.
type historyRequest struct {
	Name  string `json:"name"`
	Year  int    `json:"year"`
	Limit int    `json:"limit"`
}

func (l *localServer) handleHistory(w http.ResponseWriter, r *http.Request) {
	var req historyRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16)).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	versions, err := store.History(r.Context(), l.served.DB, req.Name, req.Year, max(1, min(req.Limit, 100_000)))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	json.NewEncoder(w).Encode(versions)
}
