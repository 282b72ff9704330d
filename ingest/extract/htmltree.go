package extract

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"sync"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// errIrregular stops the quick tree builder at markup whose tree only the
// HTML5 algorithm decides (misnested or unclosed elements, foster-parented
// table content, foreign content): the page is then parsed by html.Parse.
var errIrregular = errors.New("markup needs the HTML5 tree builder")

// parseHTML builds the tree of a page. A well-formed page (every element
// closed where it was opened, tables built of their own elements) has the
// same tree, for what the reader looks at, whether built directly from the
// tokens or by html.Parse; building it directly costs a fraction of the
// allocations. Any other page goes through html.Parse, with all of its
// repairs.
func parseHTML(s string) (*html.Node, error) { return parseHTMLIn(s, nil) }

// parseHTMLIn is parseHTML with the nodes of a quick tree carved from a's
// first slab (nil: a slab of its own).
func parseHTMLIn(s string, a *nodeArena) (*html.Node, error) {
	if root, err := quickTree(s, a); err == nil {
		return root, nil
	}
	return html.Parse(strings.NewReader(s))
}

// nodeArena lends a page's tree its first slab of nodes and takes it back
// when the page has been read: the slab is the largest allocation of an
// HTML report (some 110 bytes a node, five nodes for six '<'), and the
// tree never outlives the reading (the lines keep strings only).
type nodeArena struct {
	nodes []html.Node
	used  int // nodes handed out since the slab was last cleared
}

var arenaPool = sync.Pool{New: func() any { return new(nodeArena) }}

// maxArenaNodes bounds the slab a pooled arena keeps (firstSlab's bound).
const maxArenaNodes = 1 << 14

func getArena() *nodeArena { return arenaPool.Get().(*nodeArena) }

// slab returns an empty slab of zeroed nodes with room for n.
func (a *nodeArena) slab(n int) []html.Node {
	a.reset()
	if cap(a.nodes) < n {
		a.nodes = make([]html.Node, 0, n)
	}
	return a.nodes[:0]
}

// took records that the first k nodes of the slab were handed out.
func (a *nodeArena) took(k int) { a.used = max(a.used, k) }

// reset zeroes the nodes handed out, which pins nothing of the page read
// and leaves them as newNode expects.
func (a *nodeArena) reset() {
	clear(a.nodes[:a.used])
	a.used = 0
}

// release gives the arena back to the pool; nothing of the tree its slab
// held may be used after.
func (a *nodeArena) release() {
	a.reset()
	if cap(a.nodes) <= maxArenaNodes {
		arenaPool.Put(a)
	}
}

// treeBuilder holds the open elements while tokens are read; nodes are
// carved from slabs rather than allocated one by one.
type treeBuilder struct {
	z     htmlTokens
	stack []*html.Node
	slab  []html.Node
	arena *nodeArena // lent the first slab; nil if none
	// strs holds the text nodes' text: the page's lines keep strings of
	// it, so it is the page's own, not pooled with the nodes.
	strs Arena
	// openP and openForm count the p and form elements on the stack, so
	// that placeable need not read the whole stack at every start tag.
	openP, openForm int
}

func (b *treeBuilder) newNode() *html.Node {
	if len(b.slab) == cap(b.slab) {
		b.arena = nil // the first slab is full: the rest are the tree's own
		b.slab = make([]html.Node, 0, 256)
	}
	b.slab = b.slab[:len(b.slab)+1]
	if b.arena != nil {
		b.arena.took(len(b.slab))
	}
	return &b.slab[len(b.slab)-1]
}

// firstSlab sizes the first slab for a page: it makes some 5 nodes for 6
// '<' (an element has two tags, and text about one node per element; the
// demo pages: 96,126 nodes, 115,447 '<'), so most pages take one slab.
func (b *treeBuilder) firstSlab(s string) {
	n := min(strings.Count(s, "<")*7/8+16, maxArenaNodes)
	if b.arena != nil {
		b.slab = b.arena.slab(n)[:0:n]
		return
	}
	b.slab = make([]html.Node, 0, n)
}

func (b *treeBuilder) top() *html.Node { return b.stack[len(b.stack)-1] }

// quickTree builds the tree of a well-formed page from its tokens, or
// returns errIrregular. The html, head and body tags are left out (the
// reader treats them as blocks around everything, and skips what the head
// holds by kind: title, style, script); comments and the doctype too.
func quickTree(s string, a *nodeArena) (*html.Node, error) {
	root, err := quickTreeFrom(newPlainTokenizer(s), s, a)
	if err == errPlainOnly {
		return quickTreeFrom(html.NewTokenizer(strings.NewReader(s)), s, a)
	}
	return root, err
}

// htmlTokens is what the tree builder reads of html.Tokenizer, and of
// plainTokenizer, which gives the same tokens for plain markup.
type htmlTokens interface {
	Next() html.TokenType
	Err() error
	Text() []byte
	Raw() []byte
	TagName() ([]byte, bool)
	TagAttr() (key, val []byte, more bool)
}

// quickTreeFrom builds the tree from the tokens of z, which reads s.
func quickTreeFrom(z htmlTokens, s string, a *nodeArena) (*html.Node, error) {
	b := &treeBuilder{z: z, arena: a}
	b.firstSlab(s)
	root := &html.Node{Type: html.DocumentNode}
	b.stack = append(b.stack, root)
	for {
		var err error
		switch b.z.Next() {
		case html.ErrorToken:
			// At the end HTML5 closes what is open, as the input
			// stopping does here (a truncated page keeps its tree).
			switch b.z.Err() {
			case io.EOF:
			case errPlainOnly:
				return nil, errPlainOnly
			default:
				return nil, errIrregular
			}
			return root, nil
		case html.TextToken:
			err = b.text()
		case html.StartTagToken, html.SelfClosingTagToken:
			err = b.start()
		case html.EndTagToken:
			err = b.end()
		}
		if err != nil {
			return nil, err
		}
	}
}

// tableContext are the elements whose own text HTML5 moves out of the table.
var tableContext = map[atom.Atom]bool{atom.Table: true, atom.Tbody: true, atom.Thead: true, atom.Tfoot: true, atom.Tr: true, atom.Colgroup: true}

func (b *treeBuilder) text() error {
	t := b.z.Text()
	parent := b.top()
	if tableAtom(parent.DataAtom) {
		if len(bytes.TrimLeft(t, " \t\n\f\r")) > 0 {
			return errIrregular // foster-parented
		}
		// White space between a table's rows and cells: the reader never
		// looks at the text of these elements, so no node is made for it.
		return nil
	}
	if bytes.IndexByte(t, 0) >= 0 {
		return errIrregular // NUL: HTML5 drops or replaces it
	}
	if last := parent.LastChild; last != nil && last.Type == html.TextNode {
		last.Data += string(t)
		return nil
	}
	n := b.newNode()
	m := b.strs.Start(len(t))
	b.strs.Write(t)
	n.Type, n.Data = html.TextNode, b.strs.End(m)
	parent.AppendChild(n)
	return nil
}

// tableAtom is tableContext as a switch (asked for every text and element).
func tableAtom(a atom.Atom) bool {
	switch a {
	case atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Colgroup:
		return true
	}
	return false
}

// irregularAtoms are elements whose parsing HTML5 treats specially (foreign
// content, raw or preformatted text, select and template modes, frames).
var irregularAtoms = map[atom.Atom]bool{
	atom.Svg: true, atom.Math: true, atom.Select: true, atom.Template: true,
	atom.Frameset: true, atom.Frame: true, atom.Plaintext: true, atom.Pre: true,
	atom.Listing: true, atom.Image: true, atom.Textarea: true, atom.Xmp: true,
	atom.Noembed: true, atom.Noframes: true, atom.Option: true, atom.Optgroup: true,
}

// voidAtoms never have content or an end tag.
var voidAtoms = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true,
	atom.Hr: true, atom.Img: true, atom.Input: true, atom.Keygen: true, atom.Link: true,
	atom.Meta: true, atom.Param: true, atom.Source: true, atom.Track: true, atom.Wbr: true,
	atom.Basefont: true, atom.Bgsound: true,
}

// phrasingAtoms may stand inside a paragraph without closing it.
var phrasingAtoms = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Bdi: true, atom.Bdo: true,
	atom.Br: true, atom.Cite: true, atom.Code: true, atom.Data: true, atom.Dfn: true,
	atom.Em: true, atom.Font: true, atom.I: true, atom.Img: true, atom.Kbd: true,
	atom.Mark: true, atom.Q: true, atom.S: true, atom.Samp: true, atom.Small: true,
	atom.Span: true, atom.Strike: true, atom.Strong: true, atom.Sub: true, atom.Sup: true,
	atom.Time: true, atom.Tt: true, atom.U: true, atom.Var: true, atom.Wbr: true,
	atom.Label: true, atom.Script: true, atom.Style: true, atom.Meta: true, atom.Link: true,
	atom.Input: true, atom.Ins: true, atom.Del: true,
}

// selfNesting are elements HTML5 closes when another of their kind opens
// inside them, or whose nesting it repairs.
var selfNesting = map[atom.Atom]bool{
	atom.A: true, atom.Button: true, atom.Nobr: true, atom.P: true,
	atom.Li: true, atom.Dd: true, atom.Dt: true, atom.Tr: true,
	atom.Td: true, atom.Th: true, atom.Caption: true, atom.Tbody: true, atom.Thead: true,
	atom.Tfoot: true, atom.Colgroup: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
}

// irregularAtom, voidAtom, phrasingAtom and selfNestingAtom are the maps
// above as switches: the tree builder asks for every element (a map
// lookup each cost more than building the node). The test checks they
// agree with the maps.
func irregularAtom(a atom.Atom) bool {
	switch a {
	case atom.Svg, atom.Math, atom.Select, atom.Template, atom.Frameset, atom.Frame, atom.Plaintext, atom.Pre,
		atom.Listing, atom.Image, atom.Textarea, atom.Xmp, atom.Noembed, atom.Noframes, atom.Option, atom.Optgroup:
		return true
	}
	return false
}

func voidAtom(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input, atom.Keygen,
		atom.Link, atom.Meta, atom.Param, atom.Source, atom.Track, atom.Wbr, atom.Basefont, atom.Bgsound:
		return true
	}
	return false
}

func phrasingAtom(a atom.Atom) bool {
	switch a {
	case atom.A, atom.Abbr, atom.B, atom.Bdi, atom.Bdo, atom.Br, atom.Cite, atom.Code, atom.Data, atom.Dfn,
		atom.Em, atom.Font, atom.I, atom.Img, atom.Kbd, atom.Mark, atom.Q, atom.S, atom.Samp, atom.Small,
		atom.Span, atom.Strike, atom.Strong, atom.Sub, atom.Sup, atom.Time, atom.Tt, atom.U, atom.Var, atom.Wbr,
		atom.Label, atom.Script, atom.Style, atom.Meta, atom.Link, atom.Input, atom.Ins, atom.Del:
		return true
	}
	return false
}

func selfNestingAtom(a atom.Atom) bool {
	switch a {
	case atom.A, atom.Button, atom.Nobr, atom.P, atom.Li, atom.Dd, atom.Dt, atom.Tr, atom.Td, atom.Th,
		atom.Caption, atom.Tbody, atom.Thead, atom.Tfoot, atom.Colgroup, atom.H1, atom.H2, atom.H3, atom.H4,
		atom.H5, atom.H6:
		return true
	}
	return false
}

func isHeading(a atom.Atom) bool {
	return a == atom.H1 || a == atom.H2 || a == atom.H3 || a == atom.H4 || a == atom.H5 || a == atom.H6
}

func (b *treeBuilder) start() error {
	name := b.tagName()
	a := lookupAtom(name)
	if irregularAtom(a) {
		return errIrregular
	}
	n := b.newNode()
	n.Type, n.DataAtom = html.ElementNode, a
	if a != 0 {
		n.Data = a.String()
	} else {
		n.Data = string(name)
	}
	for {
		key, val, more := b.z.TagAttr()
		if key == nil {
			break
		}
		if k := keptAttr(key); k != "" {
			for _, old := range n.Attr {
				if old.Key == k {
					return errIrregular // HTML5 keeps the first of duplicates
				}
			}
			m := b.strs.Start(len(val))
			b.strs.Write(val)
			n.Attr = append(n.Attr, html.Attribute{Key: k, Val: b.strs.End(m)})
		}
		if !more {
			break
		}
	}
	switch a {
	case atom.Head:
		return nil // what it holds is skipped by kind wherever it stands
	case atom.Html, atom.Body:
		if skipped(n) {
			return errIrregular // a hidden body: html.Parse decides
		}
		return nil
	}
	if err := b.placeable(a); err != nil {
		return err
	}
	b.top().AppendChild(n)
	if voidAtom(a) {
		return nil
	}
	// HTML5 ignores the slash of <p/>: an element that is not void opens.
	b.push(n)
	return nil
}

// push opens n; pop closes the element on top.
func (b *treeBuilder) push(n *html.Node) {
	b.stack = append(b.stack, n)
	b.count(n.DataAtom, 1)
}

func (b *treeBuilder) pop() {
	b.count(b.top().DataAtom, -1)
	b.stack = b.stack[:len(b.stack)-1]
}

func (b *treeBuilder) count(a atom.Atom, d int) {
	switch a {
	case atom.P:
		b.openP += d
	case atom.Form:
		b.openForm += d
	}
}

// lookupAtom is atom.Lookup, the commonest names of a report page (td, p
// and tr are four tags in five) answered by a switch: the perfect hash
// cost some 140 instructions a tag.
func lookupAtom(name []byte) atom.Atom {
	switch string(name) {
	case "td":
		return atom.Td
	case "p":
		return atom.P
	case "tr":
		return atom.Tr
	}
	return atom.Lookup(name)
}

// keptAttr returns the name of an attribute the reader looks at (hidden
// and style hide an element, a meta's name, property and content give the
// publication date), "" for the others, which are not kept.
func keptAttr(key []byte) string {
	switch string(key) {
	case "hidden":
		return "hidden"
	case "style":
		return "style"
	case "name":
		return "name"
	case "property":
		return "property"
	case "content":
		return "content"
	}
	return ""
}

// tagName returns the current tag's name, read from the raw tag when it is
// plain lower-case ASCII (the tokenizer's TagName copies every name); the
// slice is valid until the next token.
func (b *treeBuilder) tagName() []byte {
	if z, ok := b.z.(*plainTokenizer); ok {
		// The plain tokenizer has read the name already, lowered: the
		// raw tag need not be read again (TestTagNameIsRawName).
		return z.name
	}
	raw := b.z.Raw()
	i := 1
	if len(raw) > 1 && raw[1] == '/' {
		i = 2
	}
	j := i
	for j < len(raw) {
		c := raw[j]
		if c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '/' || c == '>' {
			break
		}
		if c >= 'A' && c <= 'Z' || c == 0 || c >= 0x80 {
			name, _ := b.z.TagName()
			return name
		}
		j++
	}
	return raw[i:j]
}

// placeable checks that an element may open where it is without HTML5
// moving or closing anything.
func (b *treeBuilder) placeable(a atom.Atom) error {
	parent := b.top().DataAtom
	switch a {
	case atom.Tr:
		if parent != atom.Table && parent != atom.Tbody && parent != atom.Thead && parent != atom.Tfoot {
			return errIrregular
		}
	case atom.Td, atom.Th:
		if parent != atom.Tr {
			return errIrregular
		}
	case atom.Tbody, atom.Thead, atom.Tfoot, atom.Caption, atom.Colgroup:
		if parent != atom.Table {
			return errIrregular
		}
	case atom.Col:
		if parent != atom.Table && parent != atom.Colgroup {
			return errIrregular
		}
	default:
		if tableAtom(parent) && a != atom.Script && a != atom.Style {
			return errIrregular // foster-parented
		}
	}
	if b.openP > 0 && !(phrasingAtom(a) || a == 0) {
		return errIrregular // closes the paragraph
	}
	if a == atom.Form && b.openForm > 0 {
		return errIrregular // HTML5 ignores a form in a form, even in a cell
	}
	if !selfNestingAtom(a) {
		return nil
	}
	// An element of a's kind open above the last table or cell boundary
	// would be closed; those below a boundary are out of scope
	// (scopedAbove), so the stack is read down to the first boundary only.
	for i := len(b.stack) - 1; i >= 1; i-- {
		open := b.stack[i].DataAtom
		if open == a || isHeading(a) && isHeading(open) {
			return errIrregular
		}
		if scopeBoundary(open) {
			break
		}
	}
	return nil
}

// scopeBoundary reports an element HTML5 stops at when it looks for an
// open element to close.
func scopeBoundary(a atom.Atom) bool {
	return a == atom.Td || a == atom.Th || a == atom.Caption || a == atom.Table
}

func (b *treeBuilder) end() error {
	name := b.tagName()
	a := lookupAtom(name)
	switch a {
	case atom.Html, atom.Head, atom.Body:
		return nil
	}
	if len(b.stack) == 1 {
		return errIrregular
	}
	top := b.top()
	if top.DataAtom != a || a == 0 && top.Data != string(name) {
		return errIrregular // closes something else: misnested or implied
	}
	b.pop()
	return nil
}
