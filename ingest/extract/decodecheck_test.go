package extract

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDecodeChecked checks the one-pass decoding against decoding and
// binaryText apart, on the demo corpus and on text with every kind of
// character binaryText counts.
func TestDecodeChecked(t *testing.T) {
	inputs := []string{
		"", "规章", "\ufeff规章", "a\x00b", "a\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f", "a\tb\nc\rd\fe\vf",
		"\x7f\x7f\x7f", "\u0085\u0080\u009f", "\ufffd\ufffd\ufffd", "规\xe8章", "\xed\xa0\x80", "\xe0\x80\x80",
		"𠀀😀", "\xf0\x9f\x98", "\xff\xfe\x41\x00", "（一）予以公开，。；", "\u00a0\u3000", "ab\xc2",
	}
	// Runs of ASCII, read eight bytes at a time, broken at every place by
	// what ends the fast path: a control character, DEL, a character
	// beyond ASCII, a cut sequence.
	for pos := range 17 {
		for _, stop := range []string{"\x01", "\x1f", "\x7f", "\n", "\t", " ", "~", "规", "\xe8", "\x00", "\ufffd"} {
			inputs = append(inputs, "a"+strings.Repeat("b", pos)+stop+"cdefghijklmnopqrs", strings.Repeat("x", pos)+stop)
		}
	}
	files, _ := filepath.Glob("../../fixtures/demo/reports/*/*/*")
	for _, f := range files {
		if data, err := os.ReadFile(f); err == nil {
			inputs = append(inputs, string(data))
		}
	}
	for _, in := range inputs {
		for name, decode := range map[string]func([]byte) string{"text": decodeText, "html": decodeHTML} {
			s, binary := decodeChecked([]byte(in), decode)
			want := decode([]byte(in))
			if s != want || binary != binaryText(want) {
				t.Errorf("%s: decodeChecked(%.30q) = %.30q, %v; want %.30q, %v", name, in, s, binary, want, binaryText(want))
			}
		}
	}
}

// TestPlainASCII8 checks the word-at-a-time test against the bytes, for
// every byte value at every place among printable ones.
func TestPlainASCII8(t *testing.T) {
	for pos := range 8 {
		for c := range 256 {
			b := []byte("abcdefgh")
			b[pos] = byte(c)
			want := true
			for _, x := range b {
				want = want && x >= 0x20 && x < 0x7f
			}
			if got := plainASCII8(binary.LittleEndian.Uint64(b)); got != want {
				t.Errorf("plainASCII8(%q) = %v, want %v", b, got, want)
			}
		}
	}
}
