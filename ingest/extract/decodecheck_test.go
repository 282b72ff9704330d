package extract

import (
	"os"
	"path/filepath"
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
