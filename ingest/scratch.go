package ingest

import "sync"

// scratch holds the buffers one document's parse needs and drops: the rows
// of its lines and the same rows by part. They are a report's largest
// allocations (a 400-line report's rows take 57 KB twice over, some 40 %
// of what parsing it allocated); reused from document to document, they
// cost neither the allocation, nor its zeroing, nor the collector's time.
// Nothing of them outlives the parse: the report keeps strings only.
type scratch struct {
	atoms []atom
	rows  []row
	parts []row
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxPooledRows bounds the rows a pooled scratch keeps: a pathological
// document (up to maxLines lines) must not pin its buffers after it.
const maxPooledRows = 4096

func getScratch() *scratch { return scratchPool.Get().(*scratch) }

// put returns s to the pool, the rows used cleared so that they pin no
// strings of the document just parsed (the rows beyond were cleared when
// their document was done).
func (s *scratch) put() {
	if cap(s.rows) > maxPooledRows || cap(s.parts) > maxPooledRows {
		return
	}
	clear(s.rows)
	clear(s.parts)
	s.rows, s.parts, s.atoms = s.rows[:0], s.parts[:0], s.atoms[:0]
	scratchPool.Put(s)
}

// rowsFor returns an empty slice of rows with room for n.
func (s *scratch) rowsFor(n int) []row {
	if cap(s.rows) < n {
		s.rows = make([]row, 0, n)
	}
	return s.rows[:0]
}

// partsFor returns n rows to be shared out among the parts.
func (s *scratch) partsFor(n int) []row {
	if cap(s.parts) < n {
		s.parts = make([]row, n)
	}
	return s.parts[:n]
}
