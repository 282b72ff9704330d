package extract

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// placeableByWalk is placeable as it was before the open p and form
// elements were counted: the whole stack read at every start tag, each
// open element of the same kind checked for a boundary above it.
func placeableByWalk(b *treeBuilder, a atom.Atom) bool {
	parent := b.top().DataAtom
	switch a {
	case atom.Tr:
		if parent != atom.Table && parent != atom.Tbody && parent != atom.Thead && parent != atom.Tfoot {
			return false
		}
	case atom.Td, atom.Th:
		if parent != atom.Tr {
			return false
		}
	case atom.Tbody, atom.Thead, atom.Tfoot, atom.Caption, atom.Colgroup:
		if parent != atom.Table {
			return false
		}
	case atom.Col:
		if parent != atom.Table && parent != atom.Colgroup {
			return false
		}
	default:
		if tableAtom(parent) && a != atom.Script && a != atom.Style {
			return false
		}
	}
	phrasing, nests := phrasingAtom(a) || a == 0, selfNestingAtom(a)
	for _, open := range b.stack[1:] {
		if open.DataAtom == atom.P && !phrasing {
			return false
		}
		if open.DataAtom == atom.Form && a == atom.Form {
			return false
		}
		if nests && (open.DataAtom == a || isHeading(a) && isHeading(open.DataAtom)) && !scopedAbove(b.stack, open) {
			return false
		}
	}
	return true
}

func scopedAbove(stack []*html.Node, open *html.Node) bool {
	seen := false
	for _, n := range stack {
		if n == open {
			seen = true
			continue
		}
		if seen && (n.DataAtom == atom.Td || n.DataAtom == atom.Th || n.DataAtom == atom.Caption || n.DataAtom == atom.Table) {
			return true
		}
	}
	return false
}

// TestPlaceableIsStackWalk compares placeable with the walk of the whole
// stack for every stack of up to four elements drawn from those the checks
// name (and an unknown one), the stacks built by push and taken apart by
// pop, so that the counts are checked as they are kept.
func TestPlaceableIsStackWalk(t *testing.T) {
	atoms := []atom.Atom{0, atom.P, atom.Form, atom.Div, atom.Span, atom.Table, atom.Tbody, atom.Tr, atom.Td,
		atom.Th, atom.Caption, atom.Li, atom.A, atom.H1, atom.H3, atom.Colgroup}
	b := &treeBuilder{stack: []*html.Node{{Type: html.DocumentNode}}}
	checked := 0
	var grow func(depth int)
	grow = func(depth int) {
		for _, a := range atoms {
			if got, want := b.placeable(a) == nil, placeableByWalk(b, a); got != want {
				var names []string
				for _, n := range b.stack[1:] {
					names = append(names, n.DataAtom.String())
				}
				t.Fatalf("stack %q, opening %q: placeable %v, the walk %v", names, a.String(), got, want)
			}
			checked++
		}
		if depth == 4 {
			return
		}
		for _, a := range atoms {
			b.push(&html.Node{Type: html.ElementNode, DataAtom: a})
			grow(depth + 1)
			b.pop()
		}
	}
	grow(0)
	if b.openP != 0 || b.openForm != 0 || len(b.stack) != 1 {
		t.Errorf("after the last pop: %d p, %d form, %d on the stack; want 0, 0, 1", b.openP, b.openForm, len(b.stack))
	}
	if want := 16 + 16*16 + 16*16*16 + 16*16*16*16 + 16*16*16*16*16; checked != want {
		t.Errorf("checked %d stacks and elements, want %d", checked, want)
	}
}

// tagNameFromRaw is treeBuilder.tagName as it was for every tokenizer: the
// name read again from the raw tag.
func tagNameFromRaw(z htmlTokens) []byte {
	raw := z.Raw()
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
			name, _ := z.TagName()
			return name
		}
		j++
	}
	return raw[i:j]
}

// TestTagNameIsRawName: the name the plain tokenizer read is the one the
// raw tag gives, for every tag of the demo's, the test files' and the
// shared corpus's pages and of the edge and damaged markup, up to where
// the plain tokenizer stops.
func TestTagNameIsRawName(t *testing.T) {
	var pages []string
	for _, glob := range []string{"../../fixtures/demo/reports/*/*/*.html", "../testdata/*/*.htm*", "../../../shared/corpus/*/*.htm*", "../../../shared/corpus/*/*/*.htm*"} {
		m, _ := filepath.Glob(glob)
		for _, p := range m {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			pages = append(pages, decodeHTML(data))
		}
	}
	for _, tc := range plainEdges {
		pages = append(pages, tc.in)
	}
	for _, tc := range damagedPages {
		pages = append(pages, tc.in)
	}
	tags, upper := 0, 0
	for _, page := range pages {
		z := newPlainTokenizer(page)
		b := &treeBuilder{z: z}
		for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken && tt != html.EndTagToken {
				continue
			}
			got, want := b.tagName(), tagNameFromRaw(z)
			if !bytes.Equal(got, want) {
				t.Fatalf("tag %q: the tokenizer's name %q, the raw tag's %q", z.Raw(), got, want)
			}
			tags++
			upper += boolInt(bytes.ContainsFunc(z.Raw()[:len(want)+1], unicode.IsUpper))
		}
	}
	if tags < 10000 || upper == 0 {
		t.Errorf("%d tags, %d of them in capitals: the check checks little", tags, upper)
	}
}

// TestLookupAtomIsLookup: lookupAtom answers what atom.Lookup answers, for
// the names it answers itself, names close to them, and every tag name of
// the demo's pages.
func TestLookupAtomIsLookup(t *testing.T) {
	names := []string{"td", "p", "tr", "", "t", "TD", "Td", "pp", "tra", "th", "td ", "P", "table", "tbody", "span", "x-p"}
	m, _ := filepath.Glob("../../fixtures/demo/reports/*/*/*.html")
	for _, p := range m {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		z := newPlainTokenizer(decodeHTML(data))
		for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
			if tt == html.StartTagToken || tt == html.EndTagToken || tt == html.SelfClosingTagToken {
				names = append(names, string(z.name))
			}
		}
	}
	for _, n := range names {
		if got, want := lookupAtom([]byte(n)), atom.Lookup([]byte(n)); got != want {
			t.Fatalf("lookupAtom(%q) = %v, atom.Lookup says %v", n, got, want)
		}
	}
	if len(names) < 10000 {
		t.Errorf("only %d names: the check checks little", len(names))
	}
}
