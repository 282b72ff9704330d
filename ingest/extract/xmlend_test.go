package extract

import (
	"fmt"
	"testing"
)

// TestXMLEndIsEndByScan: end, comparing the expected end tag in place,
// reads every end tag as endByScan does (the token, the error, where the
// scanner stands and what stays open), for each open element's name among
// plain ones and ones ending in a character TrimSpace trims, and end tags
// right, wrong, cut, spaced and longer.
func TestXMLEndIsEndByScan(t *testing.T) {
	names := []string{"w:p", "p", "w:tc", "w:p\u3000", "\u3000w:p", "w:p\xc2", "a:b:c"}
	rests := []string{"</w:p>", "</w:p >", "</w:p\t>", "</w:px>", "</w:p", "</w:>", "</ w:p>", "</w:p\u3000>",
		"</w:p/>", "</W:P>", "</>", "</p>", "</w:tc>", "</w:tc>rest", "</w:p>>", "</\u3000w:p>", "</w:p\xc2>",
		"</a:b:c>", "</a:b>", "</w:p>\n<w:p>"}
	checked, fast := 0, 0
	for _, name := range append(names, "") {
		for _, rest := range rests {
			mk := func() *xmlScanner {
				s := &xmlScanner{b: []byte("<x>" + rest), i: 3}
				s.open = append(s.open, openElement{[]byte("x"), ""})
				if name != "" {
					s.open = append(s.open, openElement{[]byte(name), intern([]byte(name))})
				}
				return s
			}
			a, b := mk(), mk()
			ta, ea := a.end(a.b[a.i:])
			tb, eb := b.endByScan(b.b[b.i:])
			got := fmt.Sprintf("%+v %v %d %d", ta, ea, a.i, len(a.open))
			want := fmt.Sprintf("%+v %v %d %d", tb, eb, b.i, len(b.open))
			if got != want {
				t.Errorf("open %q, %q: end gives %s; endByScan %s", name, rest, got, want)
			}
			checked++
			fast += boolInt(ea == nil)
		}
	}
	if fast < 10 {
		t.Errorf("%d of %d end tags read: the check checks little", fast, checked)
	}
}

// TestXMLNameEndIsItsTests: xmlNameEnd holds exactly the bytes the name's
// scan stopped at, for every byte value.
func TestXMLNameEndIsItsTests(t *testing.T) {
	for c := range 256 {
		b := byte(c)
		if want := isXMLSpace(b) || b == '>' || b == '/'; xmlNameEnd[b] != want {
			t.Errorf("xmlNameEnd[%#x] = %v, want %v", b, xmlNameEnd[b], want)
		}
	}
}
