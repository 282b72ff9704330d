package extract

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// xmlScanner tokenizes WordprocessingML without building anything it does
// not need: element names are interned (prefixes dropped; unknown names are
// ""), attributes are read only for w:vMerge, and character data points into
// the buffer. It is several times cheaper than encoding/xml, which allocates
// for every token, and reads the same well-formed documents; what it cannot
// read is reported as an error.
type xmlScanner struct {
	b    []byte
	i    int
	open []openElement // the elements open, to check end tags
	// pending is the end of a self-closing element, to return next.
	pending    bool
	pendingEnd string
}

// knownXML are the element names the Word reader looks at.
var knownXML = func() map[string]string {
	m := map[string]string{}
	for _, n := range []string{"p", "t", "tbl", "tr", "tc", "tab", "ptab", "br", "cr", "noBreakHyphen", "txbxContent",
		"vMerge", "tcPr"} {
		m[n] = n
	}
	for n := range skippedXML {
		m[n] = n
	}
	return m
}()

var errXMLEOF = errors.New("unexpected end of XML")

// openElement is an element open: its raw name, to check its end tag, and
// its interned name, to return with the end tag without interning again.
type openElement struct {
	raw  []byte
	name string
}

// newXMLScanner reads all of r, transcoding a part declared in another
// encoding (UTF-16 and the like) to UTF-8 first.
func newXMLScanner(r io.Reader) (*xmlScanner, error) {
	var buf bytes.Buffer
	if lp, ok := r.(*limitedPart); ok && lp.size > 0 && lp.size <= maxPartSize {
		buf.Grow(int(lp.size) + bytes.MinRead) // one allocation, not doubling
	}
	if _, err := buf.ReadFrom(r); err != nil {
		return nil, err
	}
	b := buf.Bytes()
	if enc := declaredEncoding(b); enc != "" {
		cr, err := charset.NewReaderLabel(enc, bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		if b, err = io.ReadAll(cr); err != nil {
			return nil, err
		}
		if i := bytes.Index(b, []byte("?>")); bytes.HasPrefix(b, []byte("<?xml")) && i > 0 {
			b = b[i+2:] // the declaration names the old encoding
		}
	}
	return &xmlScanner{b: bytes.TrimPrefix(b, bomUTF8)}, nil
}

// declaredEncoding returns a non-UTF-8 encoding the part starts in (a UTF-16
// byte-order mark, or the XML declaration), "" for UTF-8.
func declaredEncoding(b []byte) string {
	switch {
	case bytes.HasPrefix(b, bomUTF16LE):
		return "utf-16le"
	case bytes.HasPrefix(b, bomUTF16BE):
		return "utf-16be"
	case !bytes.HasPrefix(b, []byte("<?xml")):
		return ""
	}
	end := bytes.Index(b, []byte("?>"))
	if end < 0 {
		return ""
	}
	decl := b[:end]
	i := bytes.Index(decl, []byte("encoding="))
	if i < 0 || i+len("encoding=")+1 >= len(decl) {
		return ""
	}
	v := decl[i+len("encoding="):]
	q := v[0]
	j := bytes.IndexByte(v[1:], q)
	if j < 0 {
		return ""
	}
	enc := string(bytes.ToLower(v[1 : 1+j]))
	if enc == "utf-8" || enc == "utf8" {
		return ""
	}
	return enc
}

// Token kinds of xtoken.
const (
	tokStart = iota + 1
	tokEnd
	tokText  // character data, entities not yet decoded
	tokCDATA // character data taken literally
)

// xtoken is one token; a concrete type, so that returning one allocates
// nothing.
type xtoken struct {
	kind uint8
	name string // interned local name of an element, "" if unknown
	val  string // the val attribute of w:vMerge
	text []byte // into the scanner's buffer
}

// next returns the next token; io.EOF at the end. A self-closing element
// comes as a start and an end.
func (s *xmlScanner) next() (xtoken, error) {
	if s.pending {
		s.pending = false
		return xtoken{kind: tokEnd, name: s.pendingEnd}, nil
	}
	for {
		if s.i >= len(s.b) {
			if len(s.open) > 0 {
				return xtoken{}, errXMLEOF
			}
			return xtoken{}, io.EOF
		}
		if s.b[s.i] != '<' {
			j := bytes.IndexByte(s.b[s.i:], '<')
			if j < 0 {
				j = len(s.b) - s.i
			}
			text := s.b[s.i : s.i+j]
			s.i += j
			return xtoken{kind: tokText, text: text}, nil
		}
		rest := s.b[s.i:]
		if len(rest) < 2 || rest[1] != '?' && rest[1] != '!' && rest[1] != '/' {
			return s.start() // most tokens: spare them the prefix tests below
		}
		if rest[1] == '/' {
			return s.end(rest) // the other half: spare them the tests too
		}
		switch {
		case bytes.HasPrefix(rest, []byte("<?")):
			if !s.skipPast("?>") {
				return xtoken{}, errXMLEOF
			}
		case bytes.HasPrefix(rest, []byte("<!--")):
			if !s.skipPast("-->") {
				return xtoken{}, errXMLEOF
			}
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			end := bytes.Index(rest, []byte("]]>"))
			if end < 0 {
				return xtoken{}, errXMLEOF
			}
			s.i += end + 3
			return xtoken{kind: tokCDATA, text: rest[len("<![CDATA["):end]}, nil
		case bytes.HasPrefix(rest, []byte("<!")):
			if !s.skipPast(">") {
				return xtoken{}, errXMLEOF
			}
		default:
			return s.start()
		}
	}
}

// end reads the end tag that rest (at s.i) starts with. Most end tags are
// exactly "</" and the name of the element on top, then '>': that is
// compared in place. A name holds no '>', so that '>' is the first, and
// when the name's ends are nothing TrimSpace would trim, endByScan would
// read the same tag the same way.
func (s *xmlScanner) end(rest []byte) (xtoken, error) {
	if n := len(s.open); n > 0 {
		top := s.open[n-1]
		k := 2 + len(top.raw)
		if len(rest) > k && rest[k] == '>' && string(rest[2:k]) == string(top.raw) &&
			!mayTrim(top.raw[0]) && !mayTrim(top.raw[len(top.raw)-1]) {
			s.i += k + 1
			s.open = s.open[:n-1]
			return xtoken{kind: tokEnd, name: top.name}, nil
		}
	}
	return s.endByScan(rest)
}

// endByScan reads any end tag: up to the first '>', its name trimmed.
func (s *xmlScanner) endByScan(rest []byte) (xtoken, error) {
	end := bytes.IndexByte(rest, '>')
	if end < 0 {
		return xtoken{}, errXMLEOF
	}
	s.i += end + 1
	raw := rest[2:end]
	if len(raw) == 0 || mayTrim(raw[0]) || mayTrim(raw[len(raw)-1]) {
		raw = bytes.TrimSpace(raw) // rare: most end tags are </w:p>
	}
	if len(s.open) == 0 || !bytes.Equal(s.open[len(s.open)-1].raw, raw) {
		return xtoken{}, errors.New("element <" + string(raw) + "> closed but not open")
	}
	top := s.open[len(s.open)-1]
	s.open = s.open[:len(s.open)-1]
	return xtoken{kind: tokEnd, name: top.name}, nil
}

func (s *xmlScanner) skipPast(marker string) bool {
	j := bytes.Index(s.b[s.i:], []byte(marker))
	if j < 0 {
		return false
	}
	s.i += j + len(marker)
	return true
}

// start reads a start tag at s.i.
func (s *xmlScanner) start() (xtoken, error) {
	b := s.b
	i := s.i + 1
	n := i
	for n < len(b) && !xmlNameEnd[b[n]] {
		n++
	}
	if n == i {
		return xtoken{}, errors.New("empty element name")
	}
	rawName := b[i:n]
	name := intern(rawName)
	el := xtoken{kind: tokStart, name: name}
	for i = n; ; {
		for i < len(b) && isXMLSpace(b[i]) {
			i++
		}
		if i >= len(b) {
			return xtoken{}, errXMLEOF
		}
		switch b[i] {
		case '>':
			s.i = i + 1
			s.open = append(s.open, openElement{rawName, name})
			return el, nil
		case '/':
			if i+1 >= len(b) || b[i+1] != '>' {
				return xtoken{}, errors.New("malformed empty element")
			}
			s.i = i + 2
			s.pending, s.pendingEnd = true, name
			return el, nil
		}
		eq := bytes.IndexByte(b[i:], '=')
		if eq < 0 {
			return xtoken{}, errXMLEOF
		}
		attr := b[i : i+eq] // trimmed only where it is read (vMerge)
		i += eq + 1
		for i < len(b) && isXMLSpace(b[i]) {
			i++
		}
		if i >= len(b) || b[i] != '"' && b[i] != '\'' {
			return xtoken{}, errors.New("unquoted attribute value")
		}
		q := bytes.IndexByte(b[i+1:], b[i])
		if q < 0 {
			return xtoken{}, errXMLEOF
		}
		if name == "vMerge" {
			local := bytes.TrimSpace(attr)
			if c := bytes.LastIndexByte(local, ':'); c >= 0 {
				local = local[c+1:]
			}
			if string(local) == "val" {
				el.val = string(b[i+1 : i+1+q])
			}
		}
		i += q + 2
	}
}

// mayTrim says bytes.TrimSpace may trim at a name's end that is c: an ASCII
// space, or a byte of a multi-byte character (Unicode spaces).
func mayTrim(c byte) bool { return c <= ' ' || c >= 0x80 }

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// xmlNameEnd marks the bytes that end an element's name, isXMLSpace, '>'
// and '/': one load a byte of every start tag's name, not six comparisons.
var xmlNameEnd = [256]bool{' ': true, '\t': true, '\n': true, '\r': true, '>': true, '/': true}

// intern returns the local part of a name when the reader knows it, ""
// otherwise: no allocation per token.
func intern(name []byte) string {
	if c := bytes.LastIndexByte(name, ':'); c >= 0 {
		name = name[c+1:]
	}
	// A switch, not a lookup in knownXML: no hashing per token. The test
	// checks the two agree.
	switch string(name) {
	case "p":
		return "p"
	case "t":
		return "t"
	case "tbl":
		return "tbl"
	case "tr":
		return "tr"
	case "tc":
		return "tc"
	case "tab":
		return "tab"
	case "ptab":
		return "ptab"
	case "br":
		return "br"
	case "cr":
		return "cr"
	case "noBreakHyphen":
		return "noBreakHyphen"
	case "txbxContent":
		return "txbxContent"
	case "vMerge":
		return "vMerge"
	case "tcPr":
		return "tcPr"
	case "rPr":
		return "rPr"
	case "pPr":
		return "pPr"
	case "sectPr":
		return "sectPr"
	case "tblPr":
		return "tblPr"
	case "tblGrid":
		return "tblGrid"
	case "trPr":
		return "trPr"
	case "del":
		return "del"
	case "moveFrom":
		return "moveFrom"
	case "Fallback":
		return "Fallback"
	case "instrText":
		return "instrText"
	case "delText":
		return "delText"
	}
	return ""
}

// skip consumes the tokens of the element whose start was just read.
func (s *xmlScanner) skip() error {
	depth := 0
	for {
		tok, err := s.next()
		if err != nil {
			if err == io.EOF {
				return errXMLEOF
			}
			return err
		}
		switch tok.kind {
		case tokStart:
			depth++
		case tokEnd:
			if depth == 0 {
				return nil
			}
			depth--
		}
	}
}

// appendText appends character data, decoding the five predefined entities
// and character references. A builder, not an interface: through one, the
// paragraph's builder escaped to the heap.
func appendText(w *Arena, t []byte) {
	for len(t) > 0 {
		amp := bytes.IndexByte(t, '&')
		if amp < 0 {
			w.Write(t)
			return
		}
		w.Write(t[:amp])
		t = t[amp:]
		semi := bytes.IndexByte(t, ';')
		if semi < 0 || semi > 12 {
			w.Write(t[:1])
			t = t[1:]
			continue
		}
		if r, ok := entity(t[1:semi]); ok {
			w.WriteRune(r)
		} else {
			w.Write(t[:semi+1])
		}
		t = t[semi+1:]
	}
}

func entity(name []byte) (rune, bool) {
	switch string(name) {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "quot":
		return '"', true
	case "apos":
		return '\'', true
	}
	if len(name) < 2 || name[0] != '#' {
		return 0, false
	}
	var v uint64
	var err error
	if name[1] == 'x' || name[1] == 'X' {
		v, err = strconv.ParseUint(string(name[2:]), 16, 32)
	} else {
		v, err = strconv.ParseUint(string(name[1:]), 10, 32)
	}
	if err != nil || !utf8.ValidRune(rune(v)) {
		return 0, false
	}
	return rune(v), true
}
