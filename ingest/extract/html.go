package extract

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// maxDepth bounds the recursion over markup: real pages nest a few dozen
// levels; content deeper than this is dropped rather than risk the stack.
const maxDepth = 512

// maxHTMLElements bounds the elements of a page that are parsed into a
// tree: a report page has a few thousand; a page of millions is cut there
// rather than build a tree some 70 times its size.
const maxHTMLElements = 50000

// boundHTML cuts s before its element number maxHTMLElements+1, counted by
// a tokenizer, which builds nothing.
func boundHTML(s string) (string, bool) {
	if strings.Count(s, "<") <= maxHTMLElements {
		return s, false // no more tags than the bound: nothing to count
	}
	z := html.NewTokenizer(strings.NewReader(s))
	z.SetMaxBuf(1 << 20)
	offset, n := 0, 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return s, false
		}
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			n++
			if n > maxHTMLElements {
				return s[:offset], true
			}
		}
		offset += len(z.Raw())
	}
}

// readHTML reads a saved web page or an HTML fragment.
func readHTML(data []byte) (*Document, error) {
	a := getArena()
	defer a.release()
	return readHTMLWith(data, func(s string) (*html.Node, error) { return parseHTMLIn(s, a) })
}

// readHTMLWith reads a page with the tree that parse builds (tests compare
// the quick builder with html.Parse).
func readHTMLWith(data []byte, parse func(string) (*html.Node, error)) (*Document, error) {
	s, binary := decodeChecked(data, decodeHTML)
	if binary {
		return nil, fail(ErrBinary, "binary data, not a report", "supply the report as text, HTML, DOCX or PDF")
	}
	s, cut := boundHTML(s)
	root, err := parse(s)
	if err != nil {
		return nil, failCause(ErrMalformed, err, "unreadable HTML: "+err.Error(), "")
	}
	doc := &Document{Format: FormatHTML}
	if cut {
		doc.Warnings = append(doc.Warnings, fmt.Sprintf("the page holds more than %d elements; only the first %d were read (a report page has a few thousand)",
			maxHTMLElements, maxHTMLElements))
	}
	readHead(root, doc)
	w := &htmlWalker{}
	w.mark = w.strs.Start(blockHint)
	w.node(root, 0)
	w.flush()
	doc.Lines = w.lines
	if len(doc.Lines) == 0 {
		return nil, fail(ErrEmpty, "web page without text", "save the page with its content, not only its frame")
	}
	return doc, nil
}

// decodeHTML decodes a page. The bytes decide between UTF-8 and GB18030
// whatever the page declares, because pages re-saved by browsers and editors
// often keep a stale <meta charset>; a declared charset is honoured for
// other encodings (Big5 and the like).
func decodeHTML(data []byte) string {
	data = stripBOM(data)
	if utf8.Valid(data) {
		return string(data)
	}
	if mostlyUTF8(data) {
		return decodeText(data)
	}
	label := metaCharset(data)
	if enc, name := charset.Lookup(label); enc != nil && !textualCharset(name) {
		if out, err := enc.NewDecoder().Bytes(data); err == nil {
			return string(out)
		}
	}
	if out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data); err == nil {
		return string(out)
	}
	return decodeText(data)
}

// textualCharset reports whether an encoding name is one that the UTF-8 or
// GB18030 rule already covers, or a Latin default that servers stamp on
// Chinese pages by mistake.
func textualCharset(name string) bool {
	switch name {
	case "utf-8", "gbk", "gb18030", "windows-1252", "utf-16le", "utf-16be":
		return true
	}
	return false
}

// metaCharset returns the charset a page declares in <meta charset> or
// <meta http-equiv="Content-Type" content="...; charset=...">, looking
// through the head only.
func metaCharset(data []byte) string {
	if len(data) > 64<<10 {
		data = data[:64<<10]
	}
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch atom.Lookup(name) {
			case atom.Body:
				return ""
			case atom.Meta:
				if cs := charsetAttr(z, hasAttr); cs != "" {
					return cs
				}
			}
		}
	}
}

func charsetAttr(z *html.Tokenizer, more bool) string {
	var content string
	for more {
		var key, val []byte
		key, val, more = z.TagAttr()
		switch strings.ToLower(string(key)) {
		case "charset":
			return strings.TrimSpace(string(val))
		case "content":
			content = string(val)
		}
	}
	i := strings.Index(strings.ToLower(content), "charset=")
	if i < 0 {
		return ""
	}
	cs := content[i+len("charset="):]
	if j := strings.IndexAny(cs, "; \"'"); j >= 0 {
		cs = cs[:j]
	}
	return strings.Trim(cs, `"' `)
}

// pubDateNames are <meta name> values that carry a page's publication date,
// in order of preference. Chinese government CMSs write PubDate,
// firstpublishedtime or Maketime; others follow Open Graph.
var pubDateNames = []string{"pubdate", "publishdate", "firstpublishedtime", "publishtime", "publish_date", "article:published_time", "maketime"}

// readHead takes the title and publication date from the page's metadata.
//
// Titles and metadata may stand anywhere in a page (HTML5 keeps a <title>
// or a <meta> where it is written), so the whole tree is read, in document
// order, down to maxDepth; iteratively, by the nodes' links: a recursive
// call a node was some 120 instructions of every node of the page.
func readHead(root *html.Node, doc *Document) {
	found := map[string]string{}
	for n, depth := root, 0; n != nil; {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Title:
				if doc.Title == "" && n.Namespace == "" {
					doc.Title = collapseSpace(nodeText(n))
				}
			case atom.Meta:
				name := strings.ToLower(strings.TrimSpace(attr(n, "name") + attr(n, "property")))
				if d := isoDate(attr(n, "content")); d != "" && found[name] == "" {
					found[name] = d
				}
			}
		}
		if n.FirstChild != nil && depth < maxDepth {
			n, depth = n.FirstChild, depth+1
			continue
		}
		for n != root && n.NextSibling == nil {
			n, depth = n.Parent, depth-1
		}
		if n == root {
			break
		}
		n = n.NextSibling
	}
	for _, name := range pubDateNames {
		if d := found[name]; d != "" {
			doc.Published = d
			return
		}
	}
}

// attr returns the value of an attribute, "" if absent.
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

// nodeText concatenates the text nodes under n.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node, int)
	walk = func(n *html.Node, depth int) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil && depth < maxDepth; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return b.String()
}

// htmlWalker turns the body of a page into lines, in document order.
type htmlWalker struct {
	// The text of the block being read is strs from mark on; nothing else
	// writes into strs (cells' texts go to cellStrs), so a block's text is
	// whole whatever is read between its pieces.
	strs  Arena
	mark  int
	lines []Line
	// The lines' cells, the cells of the rows being read (a stack: a
	// layout row reads the rows nested in it above its own) and a cell's
	// paragraphs come from shared blocks: a builder and slices for each
	// row, cell and paragraph were most of an HTML report's allocations.
	cellStrs Arena
	slab     strSlab
	cells    []*html.Node
	parts    []string
}

// blockHint is the room a block's text is begun with in the arena.
const blockHint = 64

// flush ends the current block: its text, white space collapsed, becomes a
// one-cell line.
func (w *htmlWalker) flush() {
	s := collapseSpaceIn(w.strs.End(w.mark), &w.strs)
	w.mark = w.strs.Start(blockHint)
	if s != "" {
		w.lines = append(w.lines, Line{Cells: w.slab.one(s)})
	}
}

func (w *htmlWalker) node(n *html.Node, depth int) {
	if depth > maxDepth {
		return
	}
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
		if skipped(n) {
			return
		}
		switch n.DataAtom {
		case atom.Br, atom.Hr:
			w.flush()
			return
		case atom.Table:
			w.flush()
			w.table(n, depth)
			return
		}
	case html.DocumentNode:
	default:
		return
	}
	block := isBlock(n)
	if block {
		w.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c, depth+1)
	}
	if block {
		w.flush()
	}
}

// text adds flow text to the block being read. A blank line in it ends a
// paragraph: text outside any element, as Markdown holding HTML tables
// (MinerU) writes its headings and prose, has no other breaks; in a page's
// own paragraphs a blank line only pads the markup.
func (w *htmlWalker) text(s string) {
	for strings.IndexByte(s, '\n') >= 0 {
		i, j := blankLine(s)
		if i < 0 {
			break
		}
		w.strs.WriteString(s[:i])
		w.flush()
		s = s[j:]
	}
	w.strs.WriteString(s)
}

// blankLine finds the first blank line in s: from the line break that ends
// a line (i) to the one that ends the blank line (j, past it); -1 if none.
func blankLine(s string) (i, j int) {
	for from := 0; ; {
		k := strings.IndexByte(s[from:], '\n')
		if k < 0 {
			return -1, -1
		}
		i = from + k
		j = i + 1
		for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r') {
			j++
		}
		if j < len(s) && s[j] == '\n' {
			return i, j + 1
		}
		from = i + 1
	}
}

// table emits the rows of a table, and any caption as a paragraph.
func (w *htmlWalker) table(t *html.Node, depth int) {
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || skipped(c) {
			continue
		}
		switch c.DataAtom {
		case atom.Thead, atom.Tbody, atom.Tfoot:
			for r := c.FirstChild; r != nil; r = r.NextSibling {
				if r.Type == html.ElementNode && r.DataAtom == atom.Tr && !skipped(r) {
					w.row(r, depth+2)
				}
			}
		case atom.Tr:
			w.row(c, depth+1)
		case atom.Colgroup, atom.Col:
		default:
			w.node(c, depth+1)
			w.flush()
		}
	}
}

// row emits one table row as a Table line with one cell per td/th. A cell
// spanning several columns or rows appears once, in the row where it is
// written. A layout row (page structure drawn with tables) is read as flow.
func (w *htmlWalker) row(tr *html.Node, depth int) {
	start := len(w.cells)
	defer func() {
		clear(w.cells[start:])
		w.cells = w.cells[:start]
	}()
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
			w.cells = append(w.cells, c)
		}
	}
	cells := w.cells[start:]
	texts := w.slab.take(len(cells))
	for i, c := range cells {
		texts[i] = w.cellText(c, depth+1)
	}
	if layoutRow(cells, texts) {
		for _, c := range cells {
			w.node(c, depth+1)
		}
		w.flush()
		return
	}
	if !allEmpty(texts) || len(texts) >= minEmptyRow {
		w.lines = append(w.lines, Line{Cells: texts, Table: true})
	}
}

// layoutRow reports whether a row is page layout rather than data: a cell
// holds a nested table, or a cell holds paragraphs of prose (a whole
// article in one cell). Label cells of the report's tables are short.
func layoutRow(cells []*html.Node, texts []string) bool {
	for i, c := range cells {
		if hasTable(c, 0) {
			return true
		}
		// More than 200 runes needs more than 200 bytes: most cells are
		// spared the count.
		if len(texts[i]) > 200 && utf8.RuneCountInString(texts[i]) > 200 && countBlocks(c, 0) >= 2 {
			return true
		}
	}
	return false
}

func hasTable(n *html.Node, depth int) bool {
	for c := n.FirstChild; c != nil && depth < maxDepth; c = c.NextSibling {
		if c.Type == html.ElementNode && !skipped(c) && (c.DataAtom == atom.Table || hasTable(c, depth+1)) {
			return true
		}
	}
	return false
}

func countBlocks(n *html.Node, depth int) int {
	count := 0
	for c := n.FirstChild; c != nil && depth < maxDepth; c = c.NextSibling {
		if c.Type == html.ElementNode && !skipped(c) {
			if isBlock(c) || c.DataAtom == atom.Br {
				count++
			}
			count += countBlocks(c, depth+1)
		}
	}
	return count
}

// cellText returns the text of a table cell. Paragraphs and line breaks
// inside the cell are joined: directly between Chinese characters (a label
// wrapped by the author), with a space otherwise.
func (w *htmlWalker) cellText(n *html.Node, depth int) string {
	b := &w.cellStrs
	// Most cells hold one text node: no builder needed.
	if c := n.FirstChild; c != nil && c.NextSibling == nil && c.Type == html.TextNode {
		return collapseSpaceIn(c.Data, b)
	}
	parts := w.parts[:0]
	defer func() {
		clear(parts)
		w.parts = parts[:0]
	}()
	mark := b.Start(blockHint)
	brk := func() {
		if s := collapseSpaceIn(b.End(mark), b); s != "" {
			parts = append(parts, s)
		}
		mark = b.Start(blockHint)
	}
	var walk func(*html.Node, int)
	walk = func(n *html.Node, depth int) {
		if depth > maxDepth {
			return
		}
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
			return
		case n.Type != html.ElementNode || skipped(n):
			return
		case n.DataAtom == atom.Br:
			brk()
			return
		}
		block := isBlock(n)
		if block {
			brk()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
		if block {
			brk()
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, depth)
	}
	brk()
	return joinPartsIn(parts, b)
}

// skippedAtoms are elements whose content is never report text: code, page
// furniture, form controls, embedded media.
var skippedAtoms = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Title: true, atom.Nav: true, atom.Select: true,
	atom.Textarea: true, atom.Button: true, atom.Svg: true, atom.Math: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Canvas: true,
	atom.Audio: true, atom.Video: true,
}

// skipped reports whether an element is left out, by kind or because the
// page hides it (hidden copies of the text would come out twice).
func skipped(n *html.Node) bool {
	if skippedAtom(n.DataAtom) {
		return true
	}
	for _, a := range n.Attr {
		switch strings.ToLower(a.Key) {
		case "hidden":
			return true
		case "style":
			style := strings.ToLower(strings.ReplaceAll(a.Val, " ", ""))
			if strings.Contains(style, "display:none") {
				return true
			}
		}
	}
	return false
}

// blockAtoms are the elements that start and end a line of text.
var blockAtoms = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Caption: true, atom.Center: true, atom.Dd: true,
	atom.Details: true, atom.Dialog: true, atom.Dir: true, atom.Div: true,
	atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true,
	atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true,
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Html: true,
	atom.Legend: true, atom.Li: true, atom.Main: true, atom.Menu: true,
	atom.Ol: true, atom.Option: true, atom.P: true, atom.Pre: true,
	atom.Section: true, atom.Summary: true, atom.Table: true, atom.Tbody: true,
	atom.Td: true, atom.Tfoot: true, atom.Th: true, atom.Thead: true,
	atom.Tr: true, atom.Ul: true,
}

func isBlock(n *html.Node) bool { return n.Type == html.ElementNode && blockAtom(n.DataAtom) }

// skippedAtom and blockAtom are skippedAtoms and blockAtoms as switches:
// the walker asks for every element, several times. The test checks they
// agree with the maps.
func skippedAtom(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head, atom.Title, atom.Nav, atom.Select,
		atom.Textarea, atom.Button, atom.Svg, atom.Math, atom.Iframe, atom.Object, atom.Embed, atom.Canvas,
		atom.Audio, atom.Video:
		return true
	}
	return false
}

func blockAtom(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Body, atom.Caption, atom.Center, atom.Dd,
		atom.Details, atom.Dialog, atom.Dir, atom.Div, atom.Dl, atom.Dt, atom.Fieldset, atom.Figcaption,
		atom.Figure, atom.Footer, atom.Form, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Header, atom.Hgroup, atom.Hr, atom.Html, atom.Legend, atom.Li, atom.Main, atom.Menu,
		atom.Ol, atom.Option, atom.P, atom.Pre, atom.Section, atom.Summary, atom.Table, atom.Tbody,
		atom.Td, atom.Tfoot, atom.Th, atom.Thead, atom.Tr, atom.Ul:
		return true
	}
	return false
}
