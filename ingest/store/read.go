package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync/atomic"
	"time"

	"xxgk/ingest"
	"xxgk/ingest/extract"
	"xxgk/ingest/prose"
	"xxgk/ingest/schema"
)

// Source is one file to ingest.
type Source struct {
	// Path is where the bytes are read from.
	Path string
	// Name is the file's name as recorded and shown: EscapeName(Path) when
	// empty. An upload sets the name the user gave; Path is then a
	// temporary copy.
	Name string
	// ModTime, when set, stands for the modification time of Path (an
	// upload's temporary copy is newer than the file it copies).
	ModTime time.Time
}

// Sources names each path by its escaped form.
func Sources(paths []string) []Source {
	out := make([]Source, len(paths))
	for i, p := range paths {
		out[i] = Source{Path: p}
	}
	return out
}

func (s Source) name() string {
	if s.Name != "" {
		return s.Name
	}
	return EscapeName(s.Path)
}

// fileState is what the store remembers of the file a current report was
// read from.
type fileState struct {
	size  int64
	mtime time.Time
	sha   string
	id    identity
}

// parses counts the files parsed, for tests of what is not parsed again.
var parses atomic.Int64

// item is one source read, and parsed unless it was unchanged.
type item struct {
	name      string
	size      int64
	mtime     time.Time
	sha       string
	err       error // unreadable, not a regular file
	unchanged *fileState
	report    *ingest.Report
	// fp fingerprints the report's prose for the copied-prose measure, and
	// implausible lists its implausible figures: both computed here,
	// beside the parsing, rather than on the loader's one goroutine.
	fp          prose.Fingerprint
	implausible []schema.Violation
}

// mtimeKey is a modification time as the database keeps it (microseconds,
// UTC), so that a time read back compares equal.
func mtimeKey(t time.Time) time.Time { return t.Truncate(time.Microsecond).UTC() }

// readSource stats, reads and hashes a source, and parses it within the
// run's memory budget (a few pathological files at once cannot take the
// machine down) unless the store already holds it unchanged (same name,
// size, modification time and SHA-256). A FIFO, socket or device is never
// opened: reading one could block forever.
func readSource(ctx context.Context, budget *ingest.Budget, src Source, known knownFiles) *item {
	it := &item{name: src.name()}
	st, err := os.Stat(src.Path)
	if err != nil {
		it.err = fmt.Errorf("cannot read it: %v", pathErr(err))
		return it
	}
	if !st.Mode().IsRegular() {
		it.err = fmt.Errorf("not a regular file but %s; skipped without opening it", fileKind(st.Mode()))
		return it
	}
	it.size, it.mtime = st.Size(), mtimeKey(st.ModTime())
	if !src.ModTime.IsZero() {
		it.mtime = mtimeKey(src.ModTime)
	}
	data, err := extract.Load(src.Path)
	if err != nil {
		it.err = withoutFile(err)
		return it
	}
	h := sha256.Sum256(data)
	it.sha = hex.EncodeToString(h[:])
	if k, ok := known.file(it.name); ok && k.size == it.size && k.mtime.Equal(it.mtime) && k.sha == it.sha {
		it.unchanged = &k
		return it
	}
	parses.Add(1)
	it.report = budget.Parse(ctx, it.name, data)
	it.report.SHA256 = it.sha
	if it.report.Err == nil {
		it.fp = prose.Of(it.report.Prose.Text())
		it.implausible = implausible(it.report.Figures)
	}
	return it
}

// withoutFile drops the file name from a read error: messages name the file
// by its escaped name, once.
func withoutFile(err error) error {
	var e *extract.Error
	if errors.As(err, &e) {
		c := *e
		c.File = ""
		return &c
	}
	return err
}

func pathErr(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// fileKind names what a non-regular file is.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a folder"
	}
	return "a special file"
}

// readAll reads sources on all cores and hands the items to emit in order,
// reading only a few ahead of it so that memory stays flat however many
// files there are. It stops early, returning the error, when emit fails or
// ctx is done.
func readAll(ctx context.Context, srcs sourceList, known knownFiles, emit func(*item) error) error {
	budget := ingest.NewBudget()
	return ingest.InOrder(ctx, srcs.Len(), func(ctx context.Context, i int) *item {
		return readSource(ctx, budget, srcs.source(i), known)
	}, emit)
}
