package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"

	"golang.org/x/sync/semaphore"

	"xxgk/ingest/extract"
)

// Parsing on every core must not multiply a pathological file's cost: the
// workers of ParseFiles share a memory budget, and each file takes from it,
// before it is parsed, what parsing it may cost (about ten times its size,
// inflated for a Word document, plus a fixed allowance). A file that costs
// more than the whole budget runs alone.

// parseBudget is the memory, in bytes, the workers of one ParseFiles may
// hold at once. A variable so that tests can lower it.
var parseBudget int64 = 1 << 30

// parseCost estimates what parsing data may allocate at its peak.
func parseCost(data []byte) int64 {
	size := int64(len(data))
	if zr, err := zip.NewReader(bytes.NewReader(data), size); err == nil {
		for _, f := range zr.File {
			if f.Name == "word/document.xml" {
				size = max(size, int64(min(f.UncompressedSize64, 1<<40)))
			}
		}
	}
	return 10*size + 8<<20
}

// A Budget is the memory the parsing workers of one run may hold at once.
// Every parallel reader of files shares one: ParseFiles and the store's.
type Budget struct{ sem *semaphore.Weighted }

// NewBudget returns the budget of one run.
func NewBudget() *Budget { return &Budget{semaphore.NewWeighted(parseBudget)} }

// Parse parses data, read from the file name, once the budget allows it.
func (b *Budget) Parse(ctx context.Context, name string, data []byte) *Report {
	cost := min(parseCost(data), parseBudget)
	if err := b.sem.Acquire(ctx, cost); err != nil {
		return &Report{File: name, Err: err}
	}
	defer b.sem.Release(cost)
	return Parse(name, data)
}

// parseWithin reads and parses the file at path once the budget allows it.
func parseWithin(ctx context.Context, budget *Budget, path string) *Report {
	data, err := extract.Load(path)
	if err != nil {
		return &Report{File: path, Err: err}
	}
	r := budget.Parse(ctx, path, data)
	h := sha256.Sum256(data)
	r.SHA256 = hex.EncodeToString(h[:])
	return r
}
