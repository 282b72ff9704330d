package extract

import (
	"errors"
	"io"
)

// maxDocxLines bounds the lines read from one Word document: a report has a
// few hundred; a document of millions of tiny paragraphs is cut there.
const maxDocxLines = 20000

// errCut stops reading once maxDocxLines lines are kept.
var errCut = errors.New("document cut")

// skippedXML are elements skipped unread: run and paragraph formatting (most
// of the bytes, no text), deleted and moved-away revisions, and the fallback
// copy of alternate content, which would repeat text boxes.
var skippedXML = map[string]bool{
	"rPr": true, "pPr": true, "sectPr": true, "tblPr": true, "tblGrid": true,
	"trPr": true, "del": true, "moveFrom": true, "Fallback": true,
	"instrText": true, "delText": true,
}

// skippedName is skippedXML[name] as a switch: it is asked for every
// element, and the test checks the two agree.
func skippedName(name string) bool {
	switch name {
	case "rPr", "pPr", "sectPr", "tblPr", "tblGrid", "trPr", "del", "moveFrom", "Fallback", "instrText", "delText":
		return true
	}
	return false
}

// docxReader reads word/document.xml token by token. Each method consumes
// the tokens of the element whose start tag was just read, up to its end.
type docxReader struct {
	dec   *xmlScanner
	lines []Line
	kept  int // lines kept, nested ones included
	cut   bool
	// The document's strings, its lines' cells and the cells of the rows
	// being read come from shared blocks: a builder, a slice of segments
	// and a slice of cells for each paragraph, cell and row were most of a
	// DOCX report's allocations.
	strs  Arena
	slab  strSlab
	segs  []string   // paraText's segments, lent to one paragraph at a time
	parts []string   // the parts of the cells being read, a stack
	cells []docxCell // the cells of the rows being read, a stack
}

// paraHint is the room a paragraph's text is begun with in the arena.
const paraHint = 64

func newDocxReader(r io.Reader) (*docxReader, error) {
	s, err := newXMLScanner(r)
	if err != nil {
		return nil, err
	}
	return &docxReader{dec: s}, nil
}

// read reads the whole part.
func (r *docxReader) read() error {
	err := r.blocks(&r.lines, 0)
	switch {
	case errors.Is(err, errCut):
		r.cut = true
		return nil
	case errors.Is(err, io.EOF):
		return nil
	}
	return err
}

func (r *docxReader) emit(out *[]Line, l Line) error {
	if r.kept >= maxDocxLines {
		return errCut
	}
	r.kept++
	*out = append(*out, l)
	return nil
}

// token returns the next token, refusing markup nested past maxDepth. It
// is small enough to be inlined (it is called for every token).
func (r *docxReader) token(depth int) (xtoken, error) {
	if depth > maxDepth {
		return xtoken{}, errXMLTooDeep
	}
	return r.dec.next()
}

var errXMLTooDeep = errors.New("XML nested too deeply")

// blocks reads block-level content: paragraphs, tables, and the containers
// that wrap them (content controls, custom XML, inserted revisions, text
// boxes), up to the end of the enclosing element. At the top level it reads
// to the end of the part (io.EOF).
func (r *docxReader) blocks(out *[]Line, depth int) error {
	open := 0 // wrappers entered
	for {
		tok, err := r.token(depth + open)
		if err != nil {
			return err
		}
		switch tok.kind {
		case tokStart:
			switch local := tok.name; {
			case skippedName(local):
				err = r.dec.skip()
			case local == "p":
				err = r.paragraph(out, depth+open+1)
			case local == "tbl":
				err = r.table(out, depth+open+1)
			default:
				open++
			}
			if err != nil {
				return err
			}
		case tokEnd:
			if open == 0 {
				return nil
			}
			open--
		}
	}
}

// paragraph emits a paragraph as one line per w:br-separated segment, then
// the lines of any text boxes anchored in it.
func (r *docxReader) paragraph(out *[]Line, depth int) error {
	segs, boxes, err := r.paraText(depth)
	if err != nil {
		return err
	}
	for _, s := range segs {
		if err := r.emit(out, Line{Cells: r.slab.one(s)}); err != nil {
			return err
		}
	}
	r.segs = segs[:0] // handed back for the next paragraph
	for _, l := range boxes {
		if err := r.emit(out, l); err != nil {
			return err
		}
	}
	return nil
}

// paraText reads a paragraph's text, split at its line breaks, and the lines
// of the text boxes inside it. The segments are r.segs lent: the caller may
// hand them back (r.segs = segs[:0]) once it has copied them.
func (r *docxReader) paraText(depth int) (segs []string, boxes []Line, err error) {
	segs, r.segs = r.segs[:0], nil // a text box inside reads its own
	cur := &r.strs
	mark := cur.Start(paraHint)
	// held is the text before a text box: the box writes its own strings
	// into the arena, after which the paragraph's text resumes anew.
	held := ""
	brk := func() {
		t := cur.End(mark)
		if held != "" {
			t, held = held+t, ""
		}
		if s := collapseSpaceIn(t, cur); s != "" {
			segs = append(segs, s)
		}
		mark = cur.Start(paraHint)
	}
	open, inText := 0, false
	for {
		tok, err := r.token(depth + open)
		if err != nil {
			return nil, nil, err
		}
		switch tok.kind {
		case tokStart:
			inText = false
			switch tok.name {
			case "t":
				inText = true
			case "tab", "ptab":
				cur.WriteByte(' ')
			case "br", "cr":
				brk()
			case "noBreakHyphen":
				cur.WriteByte('-')
			case "txbxContent":
				held += cur.End(mark)
				if err := r.blocks(&boxes, depth+open+1); err != nil {
					return nil, nil, err
				}
				mark = cur.Start(paraHint)
				continue
			}
			if skippedName(tok.name) {
				if err := r.dec.skip(); err != nil {
					return nil, nil, err
				}
				continue
			}
			open++
		case tokText:
			if inText {
				appendText(cur, tok.text)
			}
		case tokCDATA:
			if inText {
				cur.Write(tok.text)
			}
		case tokEnd:
			inText = false
			if open == 0 {
				brk()
				return segs, boxes, nil
			}
			open--
		}
	}
}

// table emits the rows of a table.
func (r *docxReader) table(out *[]Line, depth int) error {
	open := 0
	for {
		tok, err := r.token(depth + open)
		if err != nil {
			return err
		}
		switch tok.kind {
		case tokStart:
			switch local := tok.name; {
			case local == "tr":
				err = r.row(out, depth+open+1)
			case skippedName(local), local == "tbl":
				err = r.dec.skip()
			default:
				open++
			}
			if err != nil {
				return err
			}
		case tokEnd:
			if open == 0 {
				return nil
			}
			open--
		}
	}
}

// docxCell is one w:tc: its paragraphs' text, and the same content as flow
// lines for a row that turns out to be page layout.
type docxCell struct {
	parts []string
	// flow is built only once something other than paragraphs appears
	// (a text box, a nested table), or when the row is layout: most cells
	// never need it.
	flow      []Line
	flowed    bool // flow holds the parts read so far
	nested    bool
	continued bool // w:vMerge continuing the cell above
}

// flowLines makes the cell's flow hold its parts so far, one line each.
func (c *docxCell) flowLines() {
	if c.flowed {
		return
	}
	c.flowed = true
	for _, s := range c.parts {
		c.flow = append(c.flow, Line{Cells: []string{s}})
	}
}

// row emits one table row as a Table line with one cell per w:tc. A cell
// spanning columns (w:gridSpan) appears once; the cells a vertical merge
// continues into (w:vMerge without "restart") are "". A row with a nested
// table is page layout and is read as flow.
func (r *docxReader) row(out *[]Line, depth int) error {
	// The row's cells are r.cells[start:]: a nested table's rows push
	// theirs above them and pop them before this row goes on.
	start := len(r.cells)
	defer func() {
		clear(r.cells[start:])
		r.cells = r.cells[:start]
	}()
	open := 0
	for {
		tok, err := r.token(depth + open)
		if err != nil {
			return err
		}
		switch tok.kind {
		case tokStart:
			switch local := tok.name; {
			case local == "tc":
				c, err := r.cell(depth + open + 1)
				if err != nil {
					return err
				}
				r.cells = append(r.cells, c)
			case skippedName(local), local == "tbl":
				if err := r.dec.skip(); err != nil {
					return err
				}
			default:
				open++
			}
		case tokEnd:
			if open > 0 {
				open--
				continue
			}
			return r.emitRow(out, r.cells[start:])
		}
	}
}

func (r *docxReader) emitRow(out *[]Line, cells []docxCell) error {
	for _, c := range cells {
		if !c.nested {
			continue
		}
		for _, c := range cells {
			c.flowLines()
			for _, l := range c.flow {
				if err := r.emit(out, l); err != nil {
					return err
				}
			}
		}
		return nil
	}
	texts := r.slab.take(len(cells))
	for i, c := range cells {
		if !c.continued {
			texts[i] = joinParts(c.parts)
		}
	}
	if allEmpty(texts) && len(texts) < minEmptyRow {
		return nil
	}
	return r.emit(out, Line{Cells: texts, Table: true})
}

// cell reads one w:tc.
func (r *docxReader) cell(depth int) (docxCell, error) {
	var c docxCell
	// The cell's parts gather in r.parts[start:] (a nested table's cells
	// gather theirs above and take them away), then are copied out.
	start := len(r.parts)
	defer func() {
		clear(r.parts[start:])
		r.parts = r.parts[:start]
	}()
	open := 0
	for {
		tok, err := r.token(depth + open)
		if err != nil {
			return c, err
		}
		switch tok.kind {
		case tokStart:
			switch local := tok.name; {
			case local == "vMerge":
				c.continued = tok.val != "restart"
				open++
			case local == "p":
				segs, boxes, err := r.paraText(depth + open + 1)
				if err != nil {
					return c, err
				}
				if len(boxes) > 0 {
					c.parts = r.parts[start:]
					c.flowLines()
				}
				r.parts = append(r.parts, segs...)
				if c.flowed {
					for _, s := range segs {
						c.flow = append(c.flow, Line{Cells: r.slab.one(s)})
					}
					c.flow = append(c.flow, boxes...)
				}
				r.segs = segs[:0]
			case local == "tbl":
				c.parts = r.parts[start:]
				c.flowLines()
				c.nested = true
				if err := r.table(&c.flow, depth+open+1); err != nil {
					return c, err
				}
			case skippedName(local):
				if err := r.dec.skip(); err != nil {
					return c, err
				}
			default:
				open++
			}
		case tokEnd:
			if open == 0 {
				c.parts = r.slab.clone(r.parts[start:])
				return c, nil
			}
			open--
		}
	}
}
