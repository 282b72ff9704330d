package extract

import (
	"bytes"
	"errors"
	"io"

	"golang.org/x/net/html"
)

// A report page is plain markup: tags with a few quoted attributes, text,
// a doctype, comments, scripts and styles. plainTokenizer reads exactly
// that from the page in memory, giving the tokens html.Tokenizer gives,
// without its per-byte buffered reading and per-attribute copies (the two
// were a third of reading a page). Anything else (a '<' that starts no
// tag, a tag cut by the end of the page, an attribute that is not a plain
// name with a plain value, a comment the HTML5 rules end early, a raw-text
// element it does not know, a carriage return or an entity where the
// HTML5 rules differ between text and attributes) stops it with
// errPlainOnly, and the page is read again by html.Tokenizer: what it
// takes, it takes exactly (TestPlainTokenizerIsHTMLTokenizer).
type plainTokenizer struct {
	b      []byte
	pos    int
	tt     html.TokenType
	err    error
	raw    [2]int // the current token's bytes
	text   []byte // a text token's text
	name   []byte // a tag's name, lower case
	attrs  [][2][]byte
	nAttr  int
	rawTag string // the element whose raw text comes next
}

// errPlainOnly stops plainTokenizer at markup it leaves to html.Tokenizer.
var errPlainOnly = errors.New("markup beyond the plain tokenizer")

func newPlainTokenizer(s string) *plainTokenizer {
	return &plainTokenizer{b: []byte(s)}
}

// Err is io.EOF at the end of the page, errPlainOnly where it gave up.
func (z *plainTokenizer) Err() error { return z.err }

// Raw returns the current token's bytes.
func (z *plainTokenizer) Raw() []byte { return z.b[z.raw[0]:z.raw[1]] }

// Text returns a text token's text: entities decoded, except in a script
// or a style.
func (z *plainTokenizer) Text() []byte { return z.text }

// TagName returns the current tag's name in lower case.
func (z *plainTokenizer) TagName() ([]byte, bool) { return z.name, len(z.attrs) > 0 }

// TagAttr returns the current tag's next attribute: its name in lower case
// and its value. Only the first of attributes of the same name is given,
// as html.Tokenizer does.
func (z *plainTokenizer) TagAttr() (key, val []byte, more bool) {
	if z.nAttr >= len(z.attrs) {
		return nil, nil, false
	}
	a := z.attrs[z.nAttr]
	z.nAttr++
	return a[0], a[1], z.nAttr < len(z.attrs)
}

func (z *plainTokenizer) stop(err error) html.TokenType {
	z.err, z.tt = err, html.ErrorToken
	return z.tt
}

// Next reads the next token.
func (z *plainTokenizer) Next() html.TokenType {
	if z.err != nil {
		return html.ErrorToken
	}
	z.attrs, z.nAttr, z.name, z.text = z.attrs[:0], 0, nil, nil
	start := z.pos
	if z.rawTag != "" {
		return z.rawText()
	}
	if start >= len(z.b) {
		return z.stop(io.EOF)
	}
	if z.b[start] != '<' {
		end := len(z.b)
		if i := bytes.IndexByte(z.b[start:], '<'); i >= 0 {
			end = start + i
			if end+1 >= len(z.b) || !tagStart(z.b[end+1]) {
				return z.stop(errPlainOnly) // a '<' that is text
			}
		}
		t := z.b[start:end]
		if bytes.IndexByte(t, '\r') >= 0 {
			return z.stop(errPlainOnly)
		}
		if bytes.IndexByte(t, '&') >= 0 {
			t = []byte(html.UnescapeString(string(t)))
		}
		z.text, z.raw, z.pos, z.tt = t, [2]int{start, end}, end, html.TextToken
		return z.tt
	}
	if start+1 >= len(z.b) {
		return z.stop(errPlainOnly)
	}
	switch c := z.b[start+1]; {
	case isLetter(c):
		return z.startTag(start)
	case c == '/':
		return z.endTag(start)
	case c == '!' || c == '?':
		return z.declaration(start)
	}
	return z.stop(errPlainOnly)
}

func tagStart(c byte) bool { return isLetter(c) || c == '/' || c == '!' || c == '?' }

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isTagSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\f' }

// Byte classes of tag names and attribute names, looked up in byteClass:
// one load a byte instead of a chain of comparisons.
const (
	classNameEnd  = 1 << iota // ends a tag name: isTagSpace, '/', '>'
	classAlnum                // isLetter or a digit
	classUpper                // 'A'–'Z'
	classAttrName             // attrNameByte
)

var byteClass = func() (t [256]uint8) {
	for i := range t {
		c := byte(i)
		if isTagSpace(c) || c == '/' || c == '>' {
			t[i] |= classNameEnd
		}
		if isLetter(c) || '0' <= c && c <= '9' {
			t[i] |= classAlnum
		}
		if 'A' <= c && c <= 'Z' {
			t[i] |= classUpper
		}
		if attrNameByte(c) {
			t[i] |= classAttrName
		}
	}
	return t
}()

// tagNameAt reads a tag name from i: ASCII letters and digits, lowered.
func (z *plainTokenizer) tagNameAt(i int) ([]byte, int, bool) {
	j := i
	var seen uint8 // the classes of the name's bytes
	for j < len(z.b) {
		k := byteClass[z.b[j]]
		if k&classNameEnd != 0 {
			break
		}
		if k&classAlnum == 0 {
			return nil, 0, false
		}
		seen |= k
		j++
	}
	upper := seen&classUpper != 0
	if j >= len(z.b) {
		return nil, 0, false
	}
	name := z.b[i:j]
	if upper {
		name = lowerASCII(name)
	}
	return name, j, true
}

func lowerASCII(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}

func (z *plainTokenizer) startTag(start int) html.TokenType {
	name, i, ok := z.tagNameAt(start + 1)
	if !ok {
		return z.stop(errPlainOnly)
	}
	z.tt = html.StartTagToken
	for {
		for i < len(z.b) && isTagSpace(z.b[i]) {
			i++
		}
		if i >= len(z.b) {
			return z.stop(errPlainOnly)
		}
		if z.b[i] == '>' {
			i++
			break
		}
		if z.b[i] == '/' {
			if i+1 < len(z.b) && z.b[i+1] == '>' {
				z.tt = html.SelfClosingTagToken
				i += 2
				break
			}
			return z.stop(errPlainOnly)
		}
		var ok bool
		if i, ok = z.attr(i); !ok {
			return z.stop(errPlainOnly)
		}
	}
	z.name, z.raw, z.pos = name, [2]int{start, i}, i
	switch string(name) {
	case "script", "style", "title", "noscript", "iframe":
		z.rawTag = string(name)
	case "plaintext", "textarea", "xmp", "noembed", "noframes":
		return z.stop(errPlainOnly)
	}
	return z.tt
}

// attr reads one attribute at i: a plain name, optionally = and a quoted
// or unquoted value.
func (z *plainTokenizer) attr(i int) (int, bool) {
	k := i
	var seen uint8 // the classes of the name's bytes
	for k < len(z.b) {
		c := byteClass[z.b[k]]
		if c&classAttrName == 0 {
			break
		}
		seen |= c
		k++
	}
	if k == i || k >= len(z.b) {
		return 0, false
	}
	key := z.b[i:k]
	var val []byte
	j := k
	for j < len(z.b) && isTagSpace(z.b[j]) {
		j++
	}
	if j < len(z.b) && z.b[j] == '=' {
		j++
		for j < len(z.b) && isTagSpace(z.b[j]) {
			j++
		}
		if j >= len(z.b) {
			return 0, false
		}
		switch q := z.b[j]; q {
		case '"', '\'':
			e := bytes.IndexByte(z.b[j+1:], q)
			if e < 0 {
				return 0, false
			}
			val = z.b[j+1 : j+1+e]
			j += e + 2
		default:
			e := j
			for e < len(z.b) && !isTagSpace(z.b[e]) && z.b[e] != '>' {
				switch z.b[e] {
				case '"', '\'', '<', '=', '`', '\r':
					return 0, false
				}
				e++
			}
			val = z.b[j:e]
			if bytes.HasSuffix(val, []byte("/")) {
				return 0, false // "/>" read as part of the value: left to html.Tokenizer
			}
			j = e
		}
		if j < len(z.b) && !isTagSpace(z.b[j]) && z.b[j] != '>' && z.b[j] != '/' {
			return 0, false // the next attribute glued to a quote
		}
	} else {
		j = k
	}
	if seen&classUpper != 0 {
		key = lowerASCII(key) // read with the name's bytes, not again
	}
	// Values decode entities by the attributes' own rule (and NUL, CR): one
	// the tree keeps must have none (the others are never read).
	if keptAttr(key) != "" && bytes.ContainsAny(val, "&\r\x00") {
		return 0, false
	}
	for _, a := range z.attrs {
		if bytes.Equal(a[0], key) {
			return j, true // the first of the same name is kept
		}
	}
	z.attrs = append(z.attrs, [2][]byte{key, val})
	return j, true
}

// attrNameByte: letters, digits and - _ : . make a plain attribute name.
func attrNameByte(c byte) bool {
	return isLetter(c) || '0' <= c && c <= '9' || c == '-' || c == '_' || c == ':' || c == '.'
}

func (z *plainTokenizer) endTag(start int) html.TokenType {
	if start+2 >= len(z.b) || !isLetter(z.b[start+2]) {
		return z.stop(errPlainOnly)
	}
	name, i, ok := z.tagNameAt(start + 2)
	if !ok {
		return z.stop(errPlainOnly)
	}
	for i < len(z.b) && isTagSpace(z.b[i]) {
		i++
	}
	if i >= len(z.b) || z.b[i] != '>' {
		return z.stop(errPlainOnly)
	}
	z.name, z.raw, z.pos, z.tt = name, [2]int{start, i + 1}, i+1, html.EndTagToken
	return z.tt
}

// declaration reads a comment, a doctype or a processing instruction,
// which the tree leaves out.
func (z *plainTokenizer) declaration(start int) html.TokenType {
	rest := z.b[start:]
	end := -1
	if bytes.HasPrefix(rest, []byte("<!--")) {
		body := rest[4:]
		if bytes.HasPrefix(body, []byte(">")) || bytes.HasPrefix(body, []byte("->")) {
			return z.stop(errPlainOnly)
		}
		e := bytes.Index(body, []byte("-->"))
		if e < 0 || bytes.Contains(body[:e], []byte("--!>")) {
			return z.stop(errPlainOnly)
		}
		end = start + 4 + e + 3
	} else {
		e := bytes.IndexByte(rest, '>')
		if e < 0 {
			return z.stop(errPlainOnly)
		}
		end = start + e + 1
	}
	z.raw, z.pos, z.tt = [2]int{start, end}, end, html.CommentToken
	return z.tt
}

// rawText reads the text of a script, style, title, noscript or iframe up
// to its end tag; a title's entities are decoded.
func (z *plainTokenizer) rawText() html.TokenType {
	tag := z.rawTag
	z.rawTag = ""
	start := z.pos
	end := -1
	for i := start; ; {
		e := bytes.Index(z.b[i:], []byte("</"))
		if e < 0 {
			return z.stop(errPlainOnly)
		}
		e += i
		n := e + 2 + len(tag)
		if n < len(z.b) && equalFoldASCII(z.b[e+2:n], tag) && (isTagSpace(z.b[n]) || z.b[n] == '/' || z.b[n] == '>' || z.b[n] == '\r') {
			end = e
			break
		}
		i = e + 2
	}
	t := z.b[start:end]
	if bytes.IndexByte(t, '\r') >= 0 || bytes.IndexByte(t, 0) >= 0 || tag == "script" && bytes.Contains(t, []byte("<!--")) {
		return z.stop(errPlainOnly)
	}
	if len(t) == 0 {
		return z.Next()
	}
	if tag == "title" && bytes.IndexByte(t, '&') >= 0 {
		t = []byte(html.UnescapeString(string(t)))
	}
	z.text, z.raw, z.pos, z.tt = t, [2]int{start, end}, end, html.TextToken
	return z.tt
}

// equalFoldASCII says b is the lower-case name tag in any ASCII case.
func equalFoldASCII(b []byte, tag string) bool {
	for i := range len(tag) {
		if c := b[i]; c != tag[i] && c != tag[i]-('a'-'A') {
			return false
		}
	}
	return true
}
