package ingest

import (
	"sync"

	"xxgk/ingest/extract"
)

// scratch holds the buffers one document's parse needs and drops: the rows
// of its lines, the same rows by part, a part's value rows, part 三's rows
// and its alignment tables. They are a report's largest allocations (a
// 400-line report's rows take 57 KB twice over); reused from document to
// document, they cost neither the allocation, nor its zeroing, nor the
// collector's time. Nothing of them outlives the parse: the report keeps
// strings and its own slices only.
type scratch struct {
	// line is splitLine's: its atoms and its blocks of values are reused
	// (nothing keeps a value past the parse); its arena is the document's
	// own, dropped by put (the report keeps strings of it).
	line  lineWork
	rows  []row
	parts []row
	// vrows holds the value rows of one part at a time (gather), floats
	// the tables of part 三's alignment.
	vrows  []valueRow
	s3rows []s3Row
	floats []float64
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
	if cap(s.rows) > maxPooledRows || cap(s.parts) > maxPooledRows || cap(s.vrows) > maxPooledRows ||
		cap(s.s3rows) > maxPooledRows {
		return
	}
	clear(s.rows)
	clear(s.parts)
	clear(s.vrows)
	clear(s.s3rows)
	s.rows, s.parts, s.vrows, s.s3rows = s.rows[:0], s.parts[:0], s.vrows[:0], s.s3rows[:0]
	s.line.recycle()
	s.line.atoms, s.line.strs = s.line.atoms[:0], extract.Arena{}
	scratchPool.Put(s)
}

// gather is gatherRows into the scratch's value rows, which the part
// read before no longer needs (they are cleared first: a shorter part
// must not leave the longer one's strings pinned). Without a scratch
// (tests build bare parsers) the rows are allocated.
func (p *parser) gather(rows []row, maxVals int) []valueRow {
	if p.s == nil {
		return gatherRows(rows, maxVals, nil)
	}
	clear(p.s.vrows)
	p.s.vrows = gatherRows(rows, maxVals, p.s.vrows[:0])
	return p.s.vrows
}

// lineWork returns the document's lineWork, nil without a scratch.
func (p *parser) lineWork() *lineWork {
	if p.s == nil {
		return nil
	}
	return &p.s.line
}

// s3RowsFor returns an empty slice of part 三 rows with room for n.
func (s *scratch) s3RowsFor(n int) []s3Row {
	if s == nil {
		return make([]s3Row, 0, n)
	}
	if cap(s.s3rows) < n {
		s.s3rows = make([]s3Row, 0, n)
	}
	return s.s3rows[:0]
}

// floatsFor returns n zeroed floats, from s when there is one.
func (s *scratch) floatsFor(n int) []float64 {
	if s == nil {
		return make([]float64, n)
	}
	if cap(s.floats) < n {
		s.floats = make([]float64, n)
	}
	f := s.floats[:n]
	clear(f)
	return f
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
