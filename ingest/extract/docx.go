package extract

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html/charset"
)

// maxPartSize bounds the uncompressed size of the XML parts we read, so that
// a zip bomb cannot exhaust memory. A 300-page report is about 10 MB of XML.
// A variable so that tests can lower it.
var maxPartSize int64 = 100 << 20

const (
	docxBody = "word/document.xml"
	docxCore = "docProps/core.xml"
)

// readDOCX reads a Word document: the paragraphs and tables of its body, in
// order, and the title from its properties.
func readDOCX(data []byte) (*Document, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, failCause(ErrMalformed, err, "damaged DOCX: "+err.Error(), "open it in Word and save it again")
	}
	body, err := zipPart(zr, docxBody)
	if err != nil {
		return nil, err
	}
	root, err := parseXML(body)
	if err != nil {
		return nil, failCause(ErrMalformed, err, "damaged DOCX: "+docxBody+": "+err.Error(), "open it in Word and save it again")
	}
	w := &docxWalker{}
	w.blocks(root, 0)
	if len(w.lines) == 0 {
		return nil, fail(ErrEmpty, "Word document without text", "")
	}
	doc := &Document{Format: FormatDOCX, Lines: w.lines}
	if core, err := zipPart(zr, docxCore); err == nil {
		// core.xml dates are when the file was made or saved, not when
		// the report was published, so only the title is taken.
		doc.Title = coreTitle(core)
	}
	return doc, nil
}

// zipNames lists the names of the entries of a zip archive.
func zipNames(data []byte) (map[string]bool, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	names := make(map[string]bool, len(zr.File))
	for _, f := range zr.File {
		names[f.Name] = true
	}
	return names, nil
}

// zipPart reads one entry of an archive, refusing to inflate it past
// maxPartSize whatever its header claims.
func zipPart(zr *zip.Reader, name string) ([]byte, error) {
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		if f.UncompressedSize64 > uint64(maxPartSize) {
			return nil, partTooLarge(name)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, failCause(ErrMalformed, err, "damaged DOCX: "+name+": "+err.Error(), "open it in Word and save it again")
		}
		defer rc.Close()
		data, err := io.ReadAll(io.LimitReader(rc, maxPartSize+1))
		if err != nil {
			return nil, failCause(ErrMalformed, err, "damaged DOCX: "+name+": "+err.Error(), "open it in Word and save it again")
		}
		if int64(len(data)) > maxPartSize {
			return nil, partTooLarge(name)
		}
		return data, nil
	}
	return nil, fail(ErrMalformed, "damaged DOCX: no "+name, "open it in Word and save it again")
}

func partTooLarge(name string) *Error {
	reason := fmt.Sprintf("%s expands to over %s", name, humanSize(maxPartSize))
	return fail(ErrTooLarge, reason, "not a plausible report; save it again from Word or send a PDF")
}

// xnode is an element of a WordprocessingML part, reduced to what the reader
// needs: its local name (prefixes vary between Word, WPS and strict OOXML),
// attributes, children, and the text of w:t elements.
type xnode struct {
	local string
	attrs []xml.Attr
	kids  []*xnode
	text  string
}

// skippedXML are elements dropped while parsing: run and paragraph
// formatting (most of the bytes, no text), deleted and moved-away revisions,
// and the fallback copy of alternate content, which would repeat text boxes.
var skippedXML = map[string]bool{
	"rPr": true, "pPr": true, "sectPr": true, "tblPr": true, "tblGrid": true,
	"trPr": true, "del": true, "moveFrom": true, "Fallback": true,
	"instrText": true, "delText": true,
}

// parseXML builds the element tree of a part.
func parseXML(data []byte) (*xnode, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = charset.NewReaderLabel // parts may be UTF-16
	root := &xnode{}
	stack := []*xnode{root}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			if len(stack) != 1 {
				return nil, errors.New("unexpected end of XML")
			}
			return root, nil
		}
		if err != nil {
			return nil, err
		}
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			if skippedXML[t.Name.Local] {
				if err := dec.Skip(); err != nil {
					return nil, err
				}
				continue
			}
			if len(stack) > maxDepth {
				return nil, errors.New("XML nested too deeply")
			}
			n := &xnode{local: t.Name.Local, attrs: t.Attr}
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if top.local == "t" {
				top.text += string(t)
			}
		}
	}
}

// val returns the w:val (or any namespace's val) attribute.
func (n *xnode) val() (string, bool) {
	for _, a := range n.attrs {
		if a.Name.Local == "val" {
			return a.Value, true
		}
	}
	return "", false
}

// child returns the first child with the given local name.
func (n *xnode) child(local string) *xnode {
	for _, c := range n.kids {
		if c.local == local {
			return c
		}
	}
	return nil
}

// docxWalker turns body content into lines, in document order.
type docxWalker struct {
	lines []Line
}

// blocks reads block-level content: paragraphs, tables, and the containers
// that wrap them (content controls, custom XML, inserted revisions, text
// boxes).
func (w *docxWalker) blocks(n *xnode, depth int) {
	if depth > maxDepth {
		return
	}
	for _, c := range n.kids {
		switch c.local {
		case "p":
			w.paragraph(c, depth+1)
		case "tbl":
			w.table(c, depth+1)
		default:
			w.blocks(c, depth+1)
		}
	}
}

// paragraph emits a paragraph as one line per w:br-separated segment, then
// the paragraphs of any text boxes anchored in it.
func (w *docxWalker) paragraph(p *xnode, depth int) {
	pr := paraReader{}
	pr.read(p, depth)
	for _, s := range pr.segments() {
		w.lines = append(w.lines, Line{Cells: []string{s}})
	}
	for _, box := range pr.boxes {
		w.blocks(box, depth+1)
	}
}

// paraReader collects the text of one paragraph.
type paraReader struct {
	parts []string
	cur   strings.Builder
	boxes []*xnode // w:txbxContent met inside the paragraph
}

func (r *paraReader) read(n *xnode, depth int) {
	if depth > maxDepth {
		return
	}
	for _, c := range n.kids {
		switch c.local {
		case "t":
			r.cur.WriteString(c.text)
		case "tab", "ptab":
			r.cur.WriteByte(' ')
		case "br", "cr":
			r.brk()
		case "noBreakHyphen":
			r.cur.WriteByte('-')
		case "txbxContent":
			r.boxes = append(r.boxes, c)
		default:
			r.read(c, depth+1)
		}
	}
}

func (r *paraReader) brk() {
	if s := collapseSpace(r.cur.String()); s != "" {
		r.parts = append(r.parts, s)
	}
	r.cur.Reset()
}

// segments returns the paragraph's text split at its line breaks.
func (r *paraReader) segments() []string {
	r.brk()
	return r.parts
}

// table emits the rows of a table.
func (w *docxWalker) table(tbl *xnode, depth int) {
	for _, tr := range descendants(tbl, "tr", "tbl", depth) {
		w.row(tr, depth+1)
	}
}

// row emits one table row as a Table line with one cell per w:tc. A cell
// spanning columns (w:gridSpan) appears once; the cells a vertical merge
// continues into (w:vMerge without "restart") are "". A row with a nested
// table is page layout and is read as flow.
func (w *docxWalker) row(tr *xnode, depth int) {
	cells := descendants(tr, "tc", "tbl", depth)
	for _, tc := range cells {
		if len(descendants(tc, "tbl", "", depth)) > 0 {
			for _, tc := range cells {
				w.blocks(tc, depth+1)
			}
			return
		}
	}
	texts := make([]string, len(cells))
	for i, tc := range cells {
		if !vMergeContinue(tc) {
			texts[i] = docxCellText(tc, depth+1)
		}
	}
	if !allEmpty(texts) {
		w.lines = append(w.lines, Line{Cells: texts, Table: true})
	}
}

// descendants returns the elements named local under n, looking through
// wrappers (content controls, custom XML) but not into elements named stop.
func descendants(n *xnode, local, stop string, depth int) []*xnode {
	var out []*xnode
	for _, c := range n.kids {
		switch {
		case depth > maxDepth:
		case c.local == local:
			out = append(out, c)
		case c.local != stop:
			out = append(out, descendants(c, local, stop, depth+1)...)
		}
	}
	return out
}

// vMergeContinue reports whether a cell continues a vertical merge from the
// row above (w:vMerge with no value or "continue").
func vMergeContinue(tc *xnode) bool {
	pr := tc.child("tcPr")
	if pr == nil {
		return false
	}
	vm := pr.child("vMerge")
	if vm == nil {
		return false
	}
	v, _ := vm.val()
	return v != "restart"
}

// docxCellText joins the paragraphs of a cell the way HTML cells are joined.
func docxCellText(tc *xnode, depth int) string {
	var parts []string
	for _, p := range descendants(tc, "p", "tbl", depth) {
		pr := paraReader{}
		pr.read(p, depth+1)
		parts = append(parts, pr.segments()...)
	}
	return joinParts(parts)
}

// coreTitle returns dc:title from docProps/core.xml, "" if absent or
// unreadable (the title is only a hint).
func coreTitle(data []byte) string {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = charset.NewReaderLabel
	inTitle := false
	var b strings.Builder
	for {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		switch t := tok.(type) {
		case xml.StartElement:
			inTitle = t.Name.Local == "title"
		case xml.CharData:
			if inTitle {
				b.Write(t)
			}
		case xml.EndElement:
			if inTitle {
				return collapseSpace(b.String())
			}
		}
	}
}
