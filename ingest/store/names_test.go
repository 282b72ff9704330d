package store

import "testing"

func TestEscapeName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"reports/长子县/丹朱镇.txt", "reports/长子县/丹朱镇.txt"},
		{"bad\xff\xfename.txt", `bad\xff\xfename.txt`},
		{"gbk-\xb6\xa1\xd6\xec.txt", `gbk-\xb6\xa1\xd6\xec.txt`},
		{"two\nlines.txt", `two\nlines.txt`},
		{"esc\x1b[31mred.txt", `esc\x1b[31mred.txt`},
		{`back\slash.txt`, `back\\slash.txt`},
		{"tab\there.txt", `tab\there.txt`},
		{"bidi\u202egpj.txt", `bidi\u202egpj.txt`},
	}
	seen := map[string]string{}
	for _, tc := range tests {
		got := EscapeName(tc.in)
		if got != tc.want {
			t.Errorf("EscapeName(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if prev, dup := seen[got]; dup {
			t.Errorf("%q and %q escape alike", prev, tc.in)
		}
		seen[got] = tc.in
	}
}
