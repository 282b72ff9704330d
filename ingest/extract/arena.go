package extract

import "strings"

// Arena hands out the strings of one document from shared blocks: a
// report's cells, labels and line texts are a few thousand short strings,
// and a builder or a copy each was most of the allocations of a parse.
// A string is written into the current block and sliced out of it; a block
// is never written again where a string was handed out (a strings.Builder
// only appends, and a full block is dropped for a new one), so the strings
// stay valid, and immutable, for as long as anything holds them. A block
// lives while any of its strings does: arenas belong to one document and
// are not pooled.
//
// The zero Arena is ready; a nil *Arena allocates each string apart.
type Arena struct {
	b strings.Builder
}

// arenaBlock is the size of an arena's blocks: a text report's strings
// take some 20–60 KB.
const arenaBlock = 8 << 10

// Start begins a string of about n bytes and returns its mark for End. A
// string longer than announced is still whole: the builder then copies
// the block's tail into a larger one.
func (a *Arena) Start(n int) int {
	if a.b.Cap()-a.b.Len() < n {
		a.b = strings.Builder{}
		a.b.Grow(max(n, arenaBlock))
	}
	return a.b.Len()
}

// WriteString appends s to the string begun.
func (a *Arena) WriteString(s string) { a.b.WriteString(s) }

// WriteByte appends c to the string begun. Its error is always nil (the
// signature io.ByteWriter's).
func (a *Arena) WriteByte(c byte) error { return a.b.WriteByte(c) }

// End returns the string written since mark.
func (a *Arena) End(mark int) string { return a.b.String()[mark:] }

// Len is the mark of the next byte written: End(mark) of a mark taken
// after Start returns what was written since.
func (a *Arena) Len() int { return a.b.Len() }

// Copy returns a copy of s held by the arena.
func (a *Arena) Copy(s string) string {
	if a == nil {
		return strings.Clone(s)
	}
	m := a.Start(len(s))
	a.b.WriteString(s)
	return a.End(m)
}

// Write appends b to the string begun.
func (a *Arena) Write(b []byte) { a.b.Write(b) }

// WriteRune appends r to the string begun.
func (a *Arena) WriteRune(r rune) { a.b.WriteRune(r) }

// strSlab hands out short slices of strings (a line's cells) from shared
// arrays, each capped at its length so that an append copies it rather
// than write over the next.
type strSlab struct{ buf []string }

// strSlabSize is how many strings share one array.
const strSlabSize = 256

// take returns n empty strings.
func (b *strSlab) take(n int) []string {
	if n > strSlabSize/8 {
		return make([]string, n)
	}
	if cap(b.buf)-len(b.buf) < n {
		b.buf = make([]string, 0, strSlabSize)
	}
	i := len(b.buf)
	b.buf = b.buf[:i+n]
	return b.buf[i : i+n : i+n]
}

// one returns a slice holding s alone.
func (b *strSlab) one(s string) []string {
	out := b.take(1)
	out[0] = s
	return out
}

// clone returns a copy of ss, nil when it is empty.
func (b *strSlab) clone(ss []string) []string {
	if len(ss) == 0 {
		return nil
	}
	out := b.take(len(ss))
	copy(out, ss)
	return out
}
