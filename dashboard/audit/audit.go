// Package audit writes the server's audit log: one JSON object a line for
// every sign-in (ok or failed), console query, export, upload and review
// decision, appended to a file only its owner can read. A nil *Log records
// nothing, so callers need not check whether auditing is on.
package audit

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"
	"unicode/utf8"
)

// Kinds of event.
const (
	SignIn       = "signin"
	SignInFailed = "signin_failed"
	SignOut      = "signout"
	Query        = "query"
	Export       = "export"
	Upload       = "upload"
	Review       = "review"
)

// MaxQuery is how much of a console query an event keeps.
const MaxQuery = 300

// Event is one line of the log. Empty fields are left out.
type Event struct {
	Time    time.Time `json:"time"`
	Kind    string    `json:"kind"`
	User    string    `json:"user,omitempty"`
	Role    string    `json:"role,omitempty"`
	Addr    string    `json:"addr,omitempty"`
	Method  string    `json:"method,omitempty"`
	Path    string    `json:"path,omitempty"`
	Status  int       `json:"status,omitempty"`
	Query   string    `json:"query,omitempty"`
	Rows    *int      `json:"rows,omitempty"`
	Bytes   int64     `json:"bytes,omitempty"`
	Millis  int64     `json:"ms"`
	Outcome string    `json:"outcome,omitempty"` // ok, error, truncated, refused…
	Detail  string    `json:"detail,omitempty"`
	Files   []string  `json:"files,omitempty"` // an upload's file names
}

// Log appends events to a file.
type Log struct {
	mu   sync.Mutex
	w    io.Writer
	f    *os.File
	path string
	now  func() time.Time
}

// Open appends to the log at path, creating it with mode 0600.
func Open(path string) (*Log, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	return &Log{w: f, f: f, path: path, now: time.Now}, nil
}

// New writes events to w (tests).
func New(w io.Writer) *Log { return &Log{w: w, now: time.Now} }

// Path is the log's file, "" when it writes elsewhere.
func (l *Log) Path() string {
	if l == nil {
		return ""
	}
	return l.path
}

// Record appends one event, stamping its time when unset. A failed write
// is returned for the caller to log; the request goes on.
func (l *Log) Record(e Event) error {
	if l == nil {
		return nil
	}
	if e.Time.IsZero() {
		e.Time = l.now()
	}
	e.Time = e.Time.UTC()
	e.Query = Truncate(e.Query, MaxQuery)
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	l.mu.Lock()
	defer l.mu.Unlock()
	_, err = l.w.Write(b)
	return err
}

// Close closes the file.
func (l *Log) Close() error {
	if l == nil || l.f == nil {
		return nil
	}
	return l.f.Close()
}

// Truncate keeps the first n characters of s.
func Truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for range n {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}

// Tail returns the last events of the log, newest first: at most n, read
// from at most the last maxBytes of the file, so that a large log costs a
// bounded read.
func (l *Log) Tail(n int, maxBytes int64) ([]Event, error) {
	if l == nil || l.path == "" {
		return nil, errors.New("audit log: not written to a file")
	}
	f, err := os.Open(l.path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	start := max(0, st.Size()-maxBytes)
	buf := make([]byte, st.Size()-start)
	if _, err := f.ReadAt(buf, start); err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return parseTail(buf, start > 0, n), nil
}

// parseTail parses lines from the end of buf; partial drops the first
// line, which a bounded read may have cut.
func parseTail(buf []byte, partial bool, n int) []Event {
	var out []Event
	end := len(buf)
	for end > 0 && len(out) < n {
		i := end - 1
		for i > 0 && buf[i-1] != '\n' {
			i--
		}
		if i == 0 && partial {
			break
		}
		var e Event
		if json.Unmarshal(buf[i:end], &e) == nil {
			out = append(out, e)
		}
		end = i
		for end > 0 && buf[end-1] == '\n' {
			end--
		}
	}
	return out
}
